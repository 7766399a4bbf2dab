import { loadConfig, type HeraldConfig } from '../config';
import { DynamoAnnouncementStore } from '../adapters/dynamo-announcement-store';
import { makeScheduleService } from '../services/schedule-service';
import { basics } from './basics';

/** The due-item job: it only moves scheduled items to published in DynamoDB. */
export function wireScheduler(config: HeraldConfig = loadConfig()) {
  const { doc, logger } = basics(config);
  return { logger, schedule: makeScheduleService({ store: new DynamoAnnouncementStore(doc, config.tableName) }) };
}
