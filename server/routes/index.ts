import type { RouteModule } from './types.js';
import health from './health.js';
import me from './me.js';
import projects from './projects.js';
import apiTokens from './api-tokens.js';
import trackedFiles from './tracked-files.js';
import components from './components.js';
import versions from './versions.js';
import compare from './compare.js';
import previews from './previews.js';
import audit from './audit.js';
import pluginUi from './plugin-ui.js';
import syncs from './syncs.js';
import rollback from './rollback.js';
import branches from './branches.js';
import regenerate from './regenerate.js';
import customizations from './customizations.js';
import drift from './drift.js';
import coverage from './coverage.js';
import notifications from './notifications.js';
import drafts from './drafts.js';
import jobs from './jobs.js';
import figmaWebhooks from './figma-webhooks.js';
import tokenSources from './token-sources.js';
import outboundWebhooks from './outbound-webhooks.js';

const API = '/api/v1';

/** Every route module, in one flat list. */
export const routes: RouteModule[] = [
  { prefix: '', plugin: health },
  { prefix: '', plugin: pluginUi },
  { prefix: API, plugin: me },
  { prefix: API, plugin: projects },
  { prefix: API, plugin: apiTokens },
  { prefix: API, plugin: trackedFiles },
  { prefix: API, plugin: components },
  { prefix: API, plugin: versions },
  { prefix: API, plugin: compare },
  { prefix: API, plugin: previews },
  { prefix: API, plugin: syncs },
  { prefix: API, plugin: drafts },
  { prefix: API, plugin: jobs },
  { prefix: API, plugin: figmaWebhooks },
  { prefix: API, plugin: tokenSources },
  { prefix: API, plugin: outboundWebhooks },
  { prefix: API, plugin: rollback },
  { prefix: API, plugin: branches },
  { prefix: API, plugin: regenerate },
  { prefix: API, plugin: customizations },
  { prefix: API, plugin: drift },
  { prefix: API, plugin: coverage },
  { prefix: API, plugin: notifications },
  { prefix: API, plugin: audit },
];
