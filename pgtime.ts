import { PGlite } from "@electric-sql/pglite";
let t = performance.now();
const a = await PGlite.create("memory://"); console.log("create", (performance.now()-t).toFixed(0));
await a.exec("create table x(id int)");
t = performance.now();
const dump = await a.dumpDataDir("none"); console.log("dump", (performance.now()-t).toFixed(0), dump.size);
for (let i=0;i<3;i++){
t = performance.now();
const b = await PGlite.create("memory://", { loadDataDir: dump }); console.log("load", (performance.now()-t).toFixed(0), (await b.query("select count(*) from x")).rows);
}
t = performance.now();
const c = await a.clone(); console.log("clone", (performance.now()-t).toFixed(0));
