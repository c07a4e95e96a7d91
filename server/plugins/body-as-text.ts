// For a route whose large JSON body is read off the event loop (the sync: parsing, validating
// and hashing a design system here stalled every other request). Registered in that route's
// own scope, it hands the body over as its text, unparsed, and lets every other part of the
// request through zod as elsewhere; the body's schema still documents and types the route.
import type { FastifySchemaCompiler } from 'fastify';
import fp from 'fastify-plugin';
import { validatorCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';

const exceptBody: FastifySchemaCompiler<z.ZodType> = (route) =>
  route.httpPart === 'body' ? (text: unknown) => ({ value: text }) : validatorCompiler(route);

export default fp(
  async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => done(null, body));
    scope.setValidatorCompiler(exceptBody);
  },
  { name: 'body-as-text', fastify: '5.x' },
);
