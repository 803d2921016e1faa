import type { TypeMessage } from '../pgoutput/messages.ts';
import type { UserTypeRow } from './catalog.ts';

/**
 * Which Postgres type a column's type OID is. Built-in types have fixed OIDs (below 16384) and
 * are listed here; every other type — enums, domains, extension types such as hstore — gets
 * its OID when it is created, so the same type has a different OID in every database. Those
 * come from two places: the Type message pgoutput sends before a Relation that uses one (it
 * gives only a name; for a domain, the name of its base type in pg_catalog), and the catalog
 * query of catalog.ts, which also says what kind of type it is.
 */

export type TypeKind =
  | 'base'
  | 'array'
  | 'enum'
  | 'domain'
  | 'range'
  | 'multirange'
  | 'composite'
  | 'pseudo'
  /** Only a Type message has named it: the kind is a guess (see converterFor). */
  | 'named';

export interface PgType {
  oid: number;
  /** '' for pg_catalog, as pgoutput's Type message spells it. */
  namespace: string;
  name: string;
  kind: TypeKind;
  /** Arrays: the element type. */
  elementOid?: number;
  /** Domains: the type underneath, and its modifier (a domain over numeric(10,2)). */
  baseOid?: number;
  baseTypmod?: number;
}

/** [name, OID, OID of its array type] for the built-in types the envelope knows about. */
const BUILT_IN: [name: string, oid: number, arrayOid: number][] = [
  ['bool', 16, 1000], ['bytea', 17, 1001], ['char', 18, 1002], ['name', 19, 1003],
  ['int8', 20, 1016], ['int2', 21, 1005], ['int4', 23, 1007], ['text', 25, 1009], ['oid', 26, 1028],
  ['json', 114, 199], ['xml', 142, 143],
  ['point', 600, 1017], ['lseg', 601, 1018], ['path', 602, 1019], ['box', 603, 1020], ['polygon', 604, 1027],
  ['line', 628, 629], ['circle', 718, 719],
  ['float4', 700, 1021], ['float8', 701, 1022], ['money', 790, 791],
  ['macaddr8', 774, 775], ['macaddr', 829, 1040], ['inet', 869, 1041], ['cidr', 650, 651],
  ['bpchar', 1042, 1014], ['varchar', 1043, 1015],
  ['date', 1082, 1182], ['time', 1083, 1183], ['timestamp', 1114, 1115], ['timestamptz', 1184, 1185],
  ['interval', 1186, 1187], ['timetz', 1266, 1270],
  ['bit', 1560, 1561], ['varbit', 1562, 1563], ['numeric', 1700, 1231],
  ['uuid', 2950, 2951], ['pg_lsn', 3220, 3221], ['tsvector', 3614, 3643], ['tsquery', 3615, 3645], ['jsonb', 3802, 3807],
  ['int4range', 3904, 3905], ['numrange', 3906, 3907], ['tsrange', 3908, 3909], ['tstzrange', 3910, 3911],
  ['daterange', 3912, 3913], ['int8range', 3926, 3927],
];

const ROW_KINDS: Record<string, TypeKind> = { b: 'base', e: 'enum', d: 'domain', r: 'range', m: 'multirange', c: 'composite', p: 'pseudo' };

export class TypeCatalog {
  private readonly byOid = new Map<number, PgType>();
  private readonly builtInByName = new Map<string, PgType>();

  constructor() {
    for (const [name, oid, arrayOid] of BUILT_IN) {
      const type: PgType = { oid, namespace: '', name, kind: 'base' };
      const array: PgType = { oid: arrayOid, namespace: '', name: `_${name}`, kind: 'array', elementOid: oid };
      for (const each of [type, array]) {
        this.byOid.set(each.oid, each);
        this.builtInByName.set(each.name, each);
      }
    }
  }

  get(oid: number): PgType | undefined {
    return this.byOid.get(oid);
  }

  /** A built-in type by name (how a Type message names a domain's base type). */
  builtIn(name: string): PgType | undefined {
    return this.builtInByName.get(name);
  }

  /** What the catalog query found: it knows the kind of each type, so it wins over Type messages. */
  addUserTypes(rows: readonly UserTypeRow[]): void {
    for (const row of rows) {
      const isArray = row.category === 'A' && row.elementOid !== 0;
      const type: PgType = { oid: row.oid, namespace: row.namespace, name: row.name, kind: isArray ? 'array' : ROW_KINDS[row.kind] ?? 'pseudo' };
      if (isArray) type.elementOid = row.elementOid;
      if (type.kind === 'domain') {
        type.baseOid = row.baseOid;
        type.baseTypmod = row.baseTypmod;
      }
      this.byOid.set(row.oid, type);
    }
  }

  /** A Type message: remember the name unless the catalog already told us more. */
  learn(message: TypeMessage): void {
    const known = this.byOid.get(message.typeOid);
    if (known && known.kind !== 'named') return;
    this.byOid.set(message.typeOid, { oid: message.typeOid, namespace: message.namespace, name: message.name, kind: 'named' });
  }
}
