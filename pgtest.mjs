import { PGlite } from '@electric-sql/pglite';
let t=performance.now();
const pg = new PGlite();
await pg.waitReady; console.log('start', performance.now()-t);
t=performance.now();
await pg.exec('create table a(x int); insert into a select generate_series(1,10000)');
console.log('exec', performance.now()-t);
t=performance.now(); const r = await pg.query('select * from a'); console.log('q', performance.now()-t, r.rows.length);
console.log(typeof pg.clone);
if (pg.clone) { t=performance.now(); const c = await pg.clone(); console.log('clone', performance.now()-t, (await c.query('select count(*) from a')).rows); }
t=performance.now(); const p2 = await PGlite.create(); console.log('start2', performance.now()-t);
