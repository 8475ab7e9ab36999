import { applyDecorators } from '@nestjs/common';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

const NAME = /^[A-Za-z0-9_.:-]+$/;

/**
 * Applies validators in the order given. Stacked decorators run bottom-up, so with `stopAtFirstError`
 * the message would come from the last rule written; listing them here keeps the type check first.
 */
export const InOrder = (...validators: PropertyDecorator[]): PropertyDecorator => applyDecorators(...validators);

/** A name of the registry (product, env, app, event…): the message names the first rule broken. */
export const Name = (maxLength: number): PropertyDecorator =>
  InOrder(IsNotEmpty(), IsString(), MaxLength(maxLength), Matches(NAME, { message: '$property may hold letters, digits, _ . : - only' }));

