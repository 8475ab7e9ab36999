import { MigrationInterface, QueryRunner } from 'typeorm';

/** The id of the API key that dispatched each job, so that a dispatch key sees only its own jobs. */
export class AddJobApiKeyId1795000000010 implements MigrationInterface {
  name = 'AddJobApiKeyId1795000000010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `jobs` ADD `api_key_id` varchar(16) NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `jobs` DROP COLUMN `api_key_id`');
  }
}
