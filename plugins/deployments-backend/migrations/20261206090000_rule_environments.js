/*
 * The environments a deployment rule names, as rows: a deployment event (and a dry run)
 * reads only the enabled rules that name its environment or name none (`any_environment`),
 * instead of every enabled rule. With 1,000 rules over 20 environments an event read all
 * 1,000 definitions (190 KB as one text, about 4 ms in PostgreSQL's driver alone) to match
 * 50. The definition stays the source of truth: matching still runs on it in memory.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('deployment_rule_environments', table => {
    table
      .integer('rule_id')
      .notNullable()
      .references('id')
      .inTable('deployment_rules')
      .onDelete('CASCADE');
    table.string('environment', 100).notNullable();
    table.primary(['rule_id', 'environment']);
    table.index(
      ['environment', 'rule_id'],
      'deployment_rule_environments_env_idx',
    );
  });
  await knex.schema.alterTable('deployment_rules', table => {
    table.boolean('any_environment').notNullable().defaultTo(true);
  });
  const rules = await knex('deployment_rules').select('id', 'definition');
  for (const rule of rules) {
    const environments = [
      ...new Set(JSON.parse(rule.definition).match?.environments ?? []),
    ];
    if (!environments.length) continue;
    await knex('deployment_rules')
      .where({ id: rule.id })
      .update({ any_environment: false });
    await knex('deployment_rule_environments').insert(
      environments.map(environment => ({ rule_id: rule.id, environment })),
    );
  }
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.raw('alter table deployment_rules drop column any_environment');
  await knex.schema.dropTable('deployment_rule_environments');
};
