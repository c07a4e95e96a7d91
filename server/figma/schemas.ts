/**
 * Minimal checks of Figma's answers: only the fields this code relies on. Everything else is
 * passed through untouched, so a field Figma adds never breaks a poll, while a missing
 * `version` (the whole point of the cheap meta call) is an `invalid_response` instead of a
 * crash further down.
 */
import { z } from 'zod';

const nodeDocument = z.looseObject({ id: z.string(), name: z.string(), type: z.string() });

export const FileMetaSchema = z.looseObject({
  file: z.looseObject({ name: z.string(), version: z.string().min(1) }),
});

export const LocalVariablesSchema = z.looseObject({
  meta: z.looseObject({
    variables: z.record(
      z.string(),
      z.looseObject({
        id: z.string(),
        name: z.string(),
        variableCollectionId: z.string(),
        resolvedType: z.string(),
        valuesByMode: z.record(z.string(), z.unknown()),
      }),
    ),
    variableCollections: z.record(
      z.string(),
      z.looseObject({
        id: z.string(),
        name: z.string(),
        defaultModeId: z.string(),
        modes: z.array(z.looseObject({ modeId: z.string(), name: z.string() })),
      }),
    ),
  }),
});

export const FileNodesSchema = z.looseObject({
  name: z.string(),
  version: z.string(),
  nodes: z.record(z.string(), z.looseObject({ document: nodeDocument }).nullable()),
});

export const ComponentSetsSchema = z.looseObject({
  meta: z.looseObject({
    component_sets: z.array(z.looseObject({ node_id: z.string(), key: z.string(), name: z.string() })),
  }),
});

export const ComponentsSchema = z.looseObject({
  meta: z.looseObject({
    components: z.array(
      z.looseObject({
        node_id: z.string(),
        key: z.string(),
        name: z.string(),
        containing_frame: z
          .looseObject({
            containingComponentSet: z.looseObject({ nodeId: z.string().optional() }).nullable().optional(),
            // what older answers call the set (Figma's deprecated name for containingComponentSet)
            containingStateGroup: z.looseObject({ nodeId: z.string().optional() }).nullable().optional(),
          })
          .optional(),
      }),
    ),
  }),
});

export const FileStylesSchema = z.looseObject({
  meta: z.looseObject({
    styles: z.array(z.looseObject({ node_id: z.string(), key: z.string(), name: z.string(), style_type: z.string() })),
  }),
});

// Figma's reference documents webhook ids as numbers, its OpenAPI types as strings: take both.
const webhookId = z.union([z.string(), z.number()]).transform(String);

export const WebhookSchema = z.looseObject({
  id: webhookId,
  event_type: z.string(),
  context: z.string(),
  context_id: z.string(),
  status: z.string(),
  endpoint: z.string(),
});

export const WebhooksSchema = z.looseObject({ webhooks: z.array(WebhookSchema) });

/** The first problem in words, for an error message: "file.version: expected string". */
export function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'unexpected shape';
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
  return `${where}: ${issue.message}`;
}
