/** Letters of a disclosure case (spec §6): templates as data, rendering to text and DOCX. */
export * from './agency.ts';
export * from './case.ts';
export * from './placeholders.ts';
export * from './render.ts';
export * from './templates.ts';
