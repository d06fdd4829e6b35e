import { describe, expect, it } from 'vitest';
import { eventJsonSchema, eventSchemas, policyJsonSchema } from '../../src/index.js';

describe('JSON Schemas generated from the zod schemas', () => {
  it('the event schema covers every event type', () => {
    const text = JSON.stringify(eventJsonSchema());
    for (const type of Object.keys(eventSchemas)) expect(text).toContain(`"const":"${type}"`);
    expect(eventJsonSchema()).toHaveProperty('$schema');
  });

  it('the policy schema documents defaults and rule IDs', () => {
    const text = JSON.stringify(policyJsonSchema());
    expect(text).toContain('"default":"Asia/Shanghai"');
    expect(text).toContain('OWN-VALIDITY');
  });
});
