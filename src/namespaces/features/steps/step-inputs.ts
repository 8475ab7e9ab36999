import { Injectable } from '@nestjs/common';
import { instanceToPlain, plainToInstance } from 'class-transformer';
import { validate, ValidationError } from 'class-validator';
import { ResourceRegistry } from '../../../resources';
import type { ResolvedBroker } from '../../../resources/sections/brokers.section';
import { isPlainObject } from '../../../resources/registry-utils';
import type { FeatureStep } from '../../../resources/sections/features.section';
import { pathParamNames } from '../../actions/action-request';
import { ActionInputDto } from '../../actions/dto/dispatch-action.dto';
import { EventInputDto } from '../../events/dto/dispatch-event.dto';
import { EventInput, eventInputProblem } from '../../events/event-message';
import { missingCallbackParam } from '../../notifications/channels/callback-request';
import { NotificationInputDto } from '../../notifications/dto/notification-input.dto';
import { channelProblem, resolveNotification } from '../../notifications/notification-config';
import { CHANNELS } from '../../notifications/recipients';
import { StorageInputDto } from '../../storage/dto/dispatch-storage.dto';
import { checkClientInput, StorageInputError, StorageOperationName } from '../../storage/storage-input';
import { stepTarget } from './step-plan';

/** A step's evaluated input that its namespace would refuse at dispatch; `message` names the field. */
export class StepInputError extends Error {}

/** The feature's product and env, in which the step's target is looked up. */
export interface StepOrigin {
  product: string;
  env: string;
}

/**
 * Brings a step's evaluated input to the shape its namespace's dispatch would have stored, with the
 * same checks: the input DTO of the namespace (the rules of its 400s) and then what its dispatch
 * service checks against the registry. Executors trust stored inputs to have passed these checks.
 * Database and graph inputs pass through: their executors check the resolved input in full themselves.
 */
@Injectable()
export class StepInputs {
  constructor(private readonly registry: ResourceRegistry) {}

  async prepare(step: FeatureStep, origin: StepOrigin, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const { target, event } = stepTarget(step);
    switch (step.namespace) {
      case 'actions': {
        await checkDto(ActionInputDto, input);
        const { action } = this.registry.resolveAction(origin.product, origin.env, target, event);
        const params = (input.params ?? {}) as Record<string, unknown>;
        const missing = pathParamNames(action.path).find((name) => params[name] === undefined || params[name] === '');
        if (missing) throw new StepInputError(`input.params.${missing} is required by the path ${action.path}`);
        return { ...input };
      }
      case 'notifications':
        return this.notification(origin, target, event, input);
      case 'events': {
        await checkDto(EventInputDto, input);
        const broker = this.registry.entry<ResolvedBroker>(origin.product, origin.env, 'brokers', target, 'broker');
        const normalised: EventInput = {
          message: input.message,
          ...(input.key !== undefined && { key: input.key as string }),
          ...(input.headers !== undefined && { headers: { ...(input.headers as Record<string, string>) } }),
        };
        const problem = eventInputProblem(broker.type, event, normalised);
        if (problem) throw new StepInputError(problem.message);
        return normalised as unknown as Record<string, unknown>;
      }
      case 'storage': {
        await checkDto(StorageInputDto, input);
        try {
          checkClientInput(event as StorageOperationName, input);
        } catch (error) {
          throw error instanceof StorageInputError ? new StepInputError(error.message) : error;
        }
        return event === 'delete' ? { fileName: input.fileName } : { fileName: input.fileName, destination: input.destination };
      }
      default:
        // A copy: the evaluated input may be the registry's own frozen object.
        return copyPlain(input);
    }
  }

  private async notification(origin: StepOrigin, notification: string, event: string, input: Record<string, unknown>): Promise<Record<string, unknown>> {
    const dto = await checkDto(NotificationInputDto, input);
    const resolved = resolveNotification(this.registry, origin.product, origin.env, notification, event);
    const named = CHANNELS.filter((channel) => dto[channel] != null);
    if (named.length === 0) throw new StepInputError(`input must name at least one channel: ${CHANNELS.join(', ')}`);
    for (const channel of named) {
      const problem = channelProblem(resolved, channel, notification, event);
      if (problem) throw new StepInputError(problem);
    }
    if (dto.callback && resolved.config.callback) {
      const missing = missingCallbackParam(resolved.config.callback, dto.callback);
      if (missing) throw new StepInputError(missing.message);
    }
    return instanceToPlain(dto) as Record<string, unknown>;
  }
}

/** Validates as the dispatch's ValidationPipe does (unknown fields refused), reporting the first problem as it would. */
async function checkDto<T extends object>(type: new () => T, input: unknown): Promise<T> {
  if (!isPlainObject(input)) throw new StepInputError('input must be an object');
  const dto = plainToInstance(type, input);
  const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true, stopAtFirstError: true, validationError: { target: false, value: false } });
  const message = firstMessage(errors, 'input.');
  if (message) throw new StepInputError(message);
  return dto;
}

function firstMessage(errors: ValidationError[], prefix: string): string | undefined {
  for (const error of errors) {
    const constraint = Object.values(error.constraints ?? {})[0];
    if (constraint) return `${prefix}${constraint}`;
    const nested = firstMessage(error.children ?? [], `${prefix}${error.property}.`);
    if (nested) return nested;
  }
  return undefined;
}

/**
 * A deep copy of JSON-like data made of this realm's objects and arrays. Not `structuredClone`: in a
 * host whose code runs in a vm context (Jest, for one) that returns objects of another realm, which the
 * database and graph executors' plain-object checks refuse ("expected an object, got object").
 */
function copyPlain<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => copyPlain(item)) as T;
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, copyPlain(item)])) as T;
  return value;
}
