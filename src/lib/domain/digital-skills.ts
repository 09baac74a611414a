/**
 * The digital-skills self-assessment (数字素养评估, issue 9): the province's plan's four scenes (work,
 * learning, daily life, innovation) and online safety, each scored 0 to 100.
 */
export const DIGITAL_DIMENSIONS = ['work', 'learning', 'life', 'innovation', 'safety'] as const;
export type DigitalDimension = (typeof DIGITAL_DIMENSIONS)[number];
