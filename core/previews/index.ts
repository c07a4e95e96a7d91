// Previews: fidelity of a rendered preview against the design's layer boxes.
export * from './fidelity.js';
