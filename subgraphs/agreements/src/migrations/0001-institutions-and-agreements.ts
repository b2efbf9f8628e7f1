import { platformTablesSql, sqlMigration } from '@pq/data';

export default sqlMigration([
    ...platformTablesSql('agreements'),
    `create table agreements.institution (
       code varchar(12) primary key,
       name text not null,
       kind text not null check (kind in ('MEDICAL', 'PHARMACY')),
       region_code varchar(6) not null)`,
    `create index institution_region_code_index on agreements.institution (region_code text_pattern_ops, code)`,
    `create table agreements.agreement (
       id uuid primary key,
       institution_code varchar(12) not null references agreements.institution (code),
       status text not null check (status in ('ACTIVE', 'SUSPENDED', 'TERMINATED', 'EXPIRED')),
       valid_from date not null,
       valid_until date not null,
       unique (institution_code, valid_from))`,
]);
