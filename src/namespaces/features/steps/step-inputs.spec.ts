import { ResourceRegistry } from '../../../resources';
import type { FeatureStep } from '../../../resources/sections/features.section';
import { deepFreeze } from '../../../resources/registry-utils';
import { checkOperationInput } from '../../databases/operations/operation-input';
import { StepInputs } from './step-inputs';

describe('StepInputs', () => {
  const inputs = new StepInputs(ResourceRegistry.fromObject({ products: { shop: { envs: ['prd'] } } }, {}));
  const origin = { product: 'shop', env: 'prd' };

  it.each([
    ['database-operations', { database: 'members', operation: 'insert' }],
    ['graph-operations', { graph: 'people', operation: 'createNode' }],
  ])("passes a %s step's input on as an unfrozen copy of plain objects and arrays", async (namespace, target) => {
    const evaluated = deepFreeze({ table: 'members', data: [{ name: 'Ada', age: 36 }, { name: 'Bob', age: null }] });
    const step = { id: 'save', namespace, input: evaluated, ...target } as FeatureStep;
    const prepared = await inputs.prepare(step, origin, evaluated);
    expect(prepared).toEqual(evaluated);
    expect(prepared).not.toBe(evaluated);
    expect(Object.isFrozen(prepared) || Object.isFrozen((prepared.data as unknown[])[0])).toBe(false);
    // Objects of this realm, as the executors' plain-object checks require (in Jest too, where code runs in a vm context).
    expect(Object.getPrototypeOf(prepared)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(prepared.data)).toBe(Array.prototype);
    expect(Object.getPrototypeOf((prepared.data as object[])[1])).toBe(Object.prototype);
    if (namespace === 'database-operations') expect(checkOperationInput('insert', prepared)).toMatchObject({ table: 'members' });
  });
});
