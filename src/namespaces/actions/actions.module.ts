import { Module } from '@nestjs/common';
import { getExecutorToken } from '../../scheduler/executor.interface';
import { ActionsController } from './actions.controller';
import { ActionsDispatchService } from './actions-dispatch.service';
import { ActionsExecutor } from './actions.executor';

/** The actions namespace: HTTP calls to the apps of the registry. */
@Module({
  controllers: [ActionsController],
  providers: [ActionsDispatchService, { provide: getExecutorToken('actions'), useClass: ActionsExecutor }],
  exports: [ActionsDispatchService, getExecutorToken('actions')],
})
export class ActionsModule {}
