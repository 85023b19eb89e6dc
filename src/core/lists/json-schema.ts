/**
 * @module core/lists/json-schema
 * JSON Schema (draft 2020-12) of the list documents, for tools outside DataPass (editors, CI of a regulator).
 */
import { z } from 'zod';
import { GeneralDataList, LIST_SCHEMA_VERSION, NegativeList } from './schema.js';

export const SCHEMA_KINDS = ['GeneralDataList', 'NegativeList'] as const;
export type SchemaKind = (typeof SCHEMA_KINDS)[number];

/** The JSON Schema of one document kind, as written on disk (input form: defaults optional). */
export function listJsonSchema(kind: SchemaKind): Record<string, unknown> {
  const schema = kind === 'GeneralDataList' ? GeneralDataList : NegativeList;
  return {
    ...z.toJSONSchema(schema, { io: 'input' }),
    $id: `https://datapass.invalid/schemas/${kind}.v${LIST_SCHEMA_VERSION}.json`,
    title: `DataPass ${kind} v${LIST_SCHEMA_VERSION}`,
  };
}
