/** @lantian/intake: plan documents in any container to the one SourceDocument the plan parser reads. */
export type { SourceCell, SourceDocument, SourceFormat, SourceRow, SourceTable } from '@lantian/core';
