import { Module } from '@nestjs/common';
import { builtInExecutor, getExecutorToken } from '../../scheduler/executor.interface';
import { ActionsController } from './actions.controller';
import { ActionsDispatchService } from './actions-dispatch.service';
import { ActionsExecutor } from './actions.executor';

/** The actions namespace: HTTP calls to the apps of the registry. */
@Module({
  controllers: [ActionsController],
  providers: [ActionsDispatchService, builtInExecutor('actions', ActionsExecutor)],
  exports: [ActionsDispatchService, getExecutorToken('actions')],
})
export class ActionsModule {}
