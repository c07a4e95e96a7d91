/**
 * Plugin data and shared plugin data, with Figma's limits.
 *
 * Size rule (Figma's own, since March 2025): the UTF-8 byte lengths of the entry's parts
 * (namespace + key + value for shared data, plugin id + key + value for private data) add up to
 * at most 100 × 1024 = 102 400 bytes; beyond that the call throws
 * "This pluginData entry exceeds 100 kB per entry limit.". Setting "" deletes the key.
 * Namespaces: at least 3 characters from [A-Za-z0-9_.], checked on every shared call.
 */
import { figmaError, requireString } from './errors.js';
import type { PluginDataSeed } from './seed.js';

export const PLUGIN_DATA_ENTRY_LIMIT_BYTES = 100 * 1024;
const NAMESPACE = /^[A-Za-z0-9_.]{3,}$/;

const encoder = new TextEncoder();
// Exact UTF-8 length without encoding ASCII strings (snapshot chunks are base64).
function utf8Length(text: string): number {
  return /^[\x00-\x7f]*$/.test(text) ? text.length : encoder.encode(text).length;
}

export function entryBytes(parts: readonly string[]): number {
  let total = 0;
  for (const part of parts) total += utf8Length(part);
  return total;
}

function checkEntry(member: string, parts: readonly string[]): void {
  if (entryBytes(parts) > PLUGIN_DATA_ENTRY_LIMIT_BYTES) {
    throw figmaError(member, 'This pluginData entry exceeds 100 kB per entry limit.');
  }
}

function checkNamespace(member: string, namespace: unknown): asserts namespace is string {
  requireString(member, 'namespace', namespace);
  if (!NAMESPACE.test(namespace)) {
    throw figmaError(
      member,
      `Invalid namespace "${namespace}": a namespace must be at least 3 characters long and contain only letters, digits, "_" and "."`,
    );
  }
}

/** The plugin data of one node, style, variable or collection. */
export class PluginDataStore {
  private own: Map<string, string> | undefined;
  private shared: Map<string, Map<string, string>> | undefined;

  constructor(private readonly pluginId: string) {}

  get(key: unknown): string {
    requireString('getPluginData', 'key', key);
    return this.own?.get(key) ?? '';
  }

  set(key: unknown, value: unknown): void {
    requireString('setPluginData', 'key', key);
    requireString('setPluginData', 'value', value);
    checkEntry('setPluginData', [this.pluginId, key, value]);
    this.own ??= new Map();
    if (value === '') this.own.delete(key);
    else this.own.set(key, value);
  }

  keys(): string[] {
    return [...(this.own?.keys() ?? [])];
  }

  getShared(namespace: unknown, key: unknown): string {
    checkNamespace('getSharedPluginData', namespace);
    requireString('getSharedPluginData', 'key', key);
    return this.shared?.get(namespace)?.get(key) ?? '';
  }

  setShared(namespace: unknown, key: unknown, value: unknown): void {
    checkNamespace('setSharedPluginData', namespace);
    requireString('setSharedPluginData', 'key', key);
    requireString('setSharedPluginData', 'value', value);
    checkEntry('setSharedPluginData', [namespace, key, value]);
    this.shared ??= new Map();
    let entries = this.shared.get(namespace);
    if (value === '') {
      entries?.delete(key);
      return;
    }
    if (!entries) this.shared.set(namespace, (entries = new Map()));
    entries.set(key, value);
  }

  sharedKeys(namespace: unknown): string[] {
    checkNamespace('getSharedPluginDataKeys', namespace);
    return [...(this.shared?.get(namespace)?.keys() ?? [])];
  }

  /** Seeds go through the same rules as the plugin's writes. */
  seed(seed: PluginDataSeed): this {
    for (const [key, value] of Object.entries(seed.pluginData ?? {})) this.set(key, value);
    for (const [namespace, entries] of Object.entries(seed.sharedPluginData ?? {})) {
      for (const [key, value] of Object.entries(entries)) this.setShared(namespace, key, value);
    }
    return this;
  }
}

// Stores live beside their owners, created on first write: most nodes never hold plugin data,
// and frozen objects and proxies can be keys alike.
const stores = new WeakMap<object, PluginDataStore>();

/** The owner's store, if it has one (reading never creates one). */
export const peekStore = (owner: object): PluginDataStore | undefined => stores.get(owner);

function storeFor(owner: object, pluginId: string): PluginDataStore {
  let store = stores.get(owner);
  if (!store) stores.set(owner, (store = new PluginDataStore(pluginId)));
  return store;
}

/** Gives `owner` the plugin data its seed holds, through the same rules as the plugin's writes. */
export function seedPluginData(owner: object, pluginId: string, seed: PluginDataSeed): void {
  if (seed.pluginData || seed.sharedPluginData) storeFor(owner, pluginId).seed(seed);
}

const EMPTY = new PluginDataStore('');

/** The six PluginDataMixin methods, to share on a prototype; `record` names each call for `calls`. */
export function pluginDataMethods(owner: string, pluginId: string, record: (call: string) => void): PluginDataMixin {
  const read = (self: unknown): PluginDataStore => stores.get(self as object) ?? EMPTY;
  const write = (self: unknown): PluginDataStore => storeFor(self as object, pluginId);
  return {
    getPluginData(this: unknown, key: string) {
      record(`${owner}.getPluginData`);
      return read(this).get(key);
    },
    setPluginData(this: unknown, key: string, value: string) {
      record(`${owner}.setPluginData`);
      write(this).set(key, value);
    },
    getPluginDataKeys(this: unknown) {
      record(`${owner}.getPluginDataKeys`);
      return read(this).keys();
    },
    getSharedPluginData(this: unknown, namespace: string, key: string) {
      record(`${owner}.getSharedPluginData`);
      return read(this).getShared(namespace, key);
    },
    setSharedPluginData(this: unknown, namespace: string, key: string, value: string) {
      record(`${owner}.setSharedPluginData`);
      write(this).setShared(namespace, key, value);
    },
    getSharedPluginDataKeys(this: unknown, namespace: string) {
      record(`${owner}.getSharedPluginDataKeys`);
      return read(this).sharedKeys(namespace);
    },
  };
}
