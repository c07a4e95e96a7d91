import type { TestApp } from './app.js';

/** Everything stored, so a test can prove a refused request changed nothing. */
export async function snapshot(t: TestApp) {
  const p = t.db.prisma;
  const [
    projects,
    components,
    versions,
    versionFiles,
    blobs,
    tokens,
    trackedFiles,
    syncs,
    customizations,
    notifications,
    audit,
  ] = await Promise.all([
    p.project.findMany({ orderBy: { id: 'asc' } }),
    p.component.findMany({ orderBy: { id: 'asc' } }),
    p.componentVersion.findMany({ orderBy: { id: 'asc' } }),
    p.versionFile.findMany({ orderBy: [{ versionId: 'asc' }, { path: 'asc' }] }),
    p.fileBlob.count(),
    p.apiToken.findMany({ orderBy: { id: 'asc' } }),
    p.trackedFile.findMany({ orderBy: { id: 'asc' } }),
    p.syncOperation.findMany({ orderBy: { id: 'asc' } }),
    p.customization.findMany({ orderBy: { id: 'asc' } }),
    p.notification.count(),
    p.auditEvent.count(),
  ]);
  return {
    projects,
    components,
    versions,
    versionFiles,
    blobs,
    tokens,
    trackedFiles,
    syncs,
    customizations,
    notifications,
    audit,
  };
}
