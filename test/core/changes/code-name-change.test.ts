import { describe, expect, it } from 'vitest';
import { classifySpecChange, diffSpecs } from '../../../core/changes/index.js';
import { designSystem } from '../../helpers/sync-fixtures.js';

// A code name settled for a collision changes file and export names, as a rename does.
describe('code name changes', () => {
  const button = designSystem().components.find((c) => c.name === 'Button')!;

  it('a code name given to a component with the same name is a major name change', () => {
    const changes = diffSpecs(button, { ...button, codeName: 'Button2' });
    expect(changes).toEqual([{ kind: 'nameChanged', before: 'Button', after: 'Button2' }]);
    expect(classifySpecChange(changes[0]!).bump).toBe('major');
  });

  it('an unchanged code name is no change', () => {
    expect(diffSpecs({ ...button, codeName: 'Button2' }, { ...button, codeName: 'Button2' })).toEqual([]);
  });
});
