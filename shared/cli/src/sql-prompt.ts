import readline from 'node:readline';
import pg from 'pg';

/**
 * A small SQL prompt for machines without the psql client (the npm Postgres binaries ship only
 * the server). Enough for the chapters: statements end with `;`, results print as a table, and
 * \dt, \q and \? work. It is not psql: for anything more, install the client.
 */
export async function sqlPrompt(databaseUrl: string, options: { command?: string; input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream } = {}): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const out = options.output ?? process.stdout;
  const print = (text: string) => out.write(`${text}\n`);
  try {
    if (options.command !== undefined) return (await runStatement(client, options.command, print)) ? 0 : 1;
    print('cdc-lab SQL prompt (psql is not installed here). End statements with ;  \\dt lists tables, \\q quits.');
    const lines = readline.createInterface({ input: options.input ?? process.stdin, output: out, terminal: Boolean((options.input ?? process.stdin) === process.stdin && process.stdin.isTTY) });
    let buffer = '';
    const prompt = () => {
      lines.setPrompt(buffer ? 'cdc_lab-> ' : 'cdc_lab=> ');
      lines.prompt();
    };
    lines.on('SIGINT', () => {
      buffer = '';
      out.write('\n');
      prompt();
    });
    prompt();
    for await (const line of lines) {
      const trimmed = line.trim();
      if (!buffer && trimmed.startsWith('\\')) {
        if (trimmed === '\\q') break;
        await runMeta(client, trimmed, print);
      } else {
        buffer += `${line}\n`;
        if (trimmed.endsWith(';')) {
          await runStatement(client, buffer, print);
          buffer = '';
        }
      }
      prompt();
    }
    lines.close();
    return 0;
  } finally {
    await client.end();
  }
}

async function runMeta(client: pg.Client, command: string, print: (text: string) => void): Promise<void> {
  if (command === '\\dt') {
    await runStatement(client, `SELECT table_schema AS schema, table_name AS name
      FROM information_schema.tables
      WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_type = 'BASE TABLE'
      ORDER BY 1, 2`, print);
  } else {
    print('\\dt   list tables\n\\q    quit');
  }
}

/** Run one statement (or several separated by ;) and print what psql would: a table, or the command tag. */
async function runStatement(client: pg.Client, sql: string, print: (text: string) => void): Promise<boolean> {
  try {
    // Several statements separated by ; come back as one result each.
    const results: pg.QueryResult | pg.QueryResult[] = await client.query(sql);
    for (const result of Array.isArray(results) ? results : [results]) {
      if (result.fields.length > 0) print(formatTable(result.fields.map((field: pg.FieldDef) => field.name), result.rows as Record<string, unknown>[]));
      else print(commandTag(result));
    }
    return true;
  } catch (error) {
    print(`ERROR:  ${(error as Error).message}`);
    return false;
  }
}

function commandTag(result: pg.QueryResult): string {
  const count = result.rowCount ?? 0;
  return result.command === 'INSERT' ? `INSERT 0 ${count}` : ['UPDATE', 'DELETE', 'SELECT', 'MOVE', 'FETCH', 'COPY'].includes(result.command) ? `${result.command} ${count}` : result.command;
}

export function formatTable(columns: readonly string[], rows: readonly Record<string, unknown>[]): string {
  const cell = (value: unknown): string => (value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value));
  const cells = rows.map((row) => columns.map((column) => cell(row[column])));
  const widths = columns.map((column, index) => Math.max(column.length, ...cells.map((row) => row[index]!.length)));
  const header = columns.map((column, index) => ` ${column.padEnd(widths[index]!)} `).join('|');
  const rule = widths.map((width) => '-'.repeat(width + 2)).join('+');
  const body = cells.map((row) => row.map((value, index) => ` ${value.padEnd(widths[index]!)} `).join('|'));
  return [header, rule, ...body, `(${rows.length} row${rows.length === 1 ? '' : 's'})`].join('\n');
}
