import { describe, expect, it } from 'vitest';
import { ConfigurationError, Lsn } from '@cdc-lab/common';
import { startReplicationCommand } from '../src/replication/index.ts';
import { DEFAULT_SLOT, parseCommand } from '../src/settings.ts';

const env = { DATABASE_URL: 'postgres://u:p@localhost:5432/db' };

describe('the command line', () => {
  it('streams by default, on slot cdc_lab_03, confirming, with a 10 s status interval', () => {
    expect(parseCommand([], env)).toEqual({
      kind: 'stream', connectionString: env.DATABASE_URL, slot: DEFAULT_SLOT, statusIntervalMs: 10_000, confirm: true, printDelayMs: 0, confirmIdle: false,
    });
  });

  it('reads CDC_SLOT and the teaching flags', () => {
    expect(parseCommand(['--no-confirm', '--status-interval', '100', '--print-delay', '1500'], { ...env, CDC_SLOT: 'mine' })).toMatchObject({
      kind: 'stream', slot: 'mine', statusIntervalMs: 100, confirm: false, printDelayMs: 1500,
    });
  });

  it('takes --confirm-idle, but not together with --no-confirm', () => {
    expect(parseCommand(['--confirm-idle'], env)).toMatchObject({ kind: 'stream', confirm: true, confirmIdle: true });
    expect(() => parseCommand(['--confirm-idle', '--no-confirm'], env)).toThrow(/contradict/);
    expect(() => parseCommand(['status', '--confirm-idle'], env)).toThrow(/belongs to the stream command/);
  });

  it('has status and drop subcommands, which take no stream flags', () => {
    expect(parseCommand(['status'], env)).toEqual({ kind: 'status', connectionString: env.DATABASE_URL, slot: DEFAULT_SLOT });
    expect(parseCommand(['drop'], env).kind).toBe('drop');
    expect(() => parseCommand(['drop', '--no-confirm'], env)).toThrow(/belongs to the stream command/);
  });

  it('refuses what it cannot use, with the usage as hint', () => {
    expect(() => parseCommand(['--status-interval', '0'], env)).toThrow(ConfigurationError);
    expect(() => parseCommand(['--fast'], env)).toThrow(ConfigurationError);
    expect(() => parseCommand(['tail'], env)).toThrow(/unknown command/);
    expect(() => parseCommand([], { ...env, CDC_SLOT: 'Not-Valid' })).toThrow(/not a valid slot name/);
    expect(() => parseCommand([], {})).toThrow(/DATABASE_URL/);
  });
});

describe('START_REPLICATION', () => {
  it('quotes the slot and the plugin options', () => {
    expect(startReplicationCommand({ slot: 'cdc_lab_03', startLsn: Lsn.ZERO, pluginOptions: { 'include-xids': '1', publication_names: "it's" } }))
      .toBe(`START_REPLICATION SLOT "cdc_lab_03" LOGICAL 0/0 ("include-xids" '1', "publication_names" 'it''s')`);
    expect(startReplicationCommand({ slot: 's', startLsn: Lsn.parse('16/B374D848'), pluginOptions: {} })).toBe('START_REPLICATION SLOT "s" LOGICAL 16/B374D848');
  });
});
