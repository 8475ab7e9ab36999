import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the admin API needs: the job a triggered run was copied from, the note a pause carries, an
 * index for listing by status newest first without OFFSET scans, and each run's lateness for the stats.
 */
export class AddAdminControls1795000000020 implements MigrationInterface {
  name = 'AddAdminControls1795000000020';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `jobs` ADD `parent_id` char(36) NULL, ADD `status_note` varchar(500) NULL');
    await queryRunner.query('CREATE INDEX `idx_jobs_status_id` ON `jobs` (`status`, `id`)');
    await queryRunner.query('ALTER TABLE `job_runs` ADD `lateness_ms` int NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE `job_runs` DROP COLUMN `lateness_ms`');
    await queryRunner.query('DROP INDEX `idx_jobs_status_id` ON `jobs`');
    await queryRunner.query('ALTER TABLE `jobs` DROP COLUMN `status_note`, DROP COLUMN `parent_id`');
  }
}
