const t = performance.now(); const c = process.cpuUsage();
for (const m of process.argv.slice(2)) await import(m);
const u = process.cpuUsage(c);
console.log(JSON.stringify({ wall: performance.now() - t, cpu: (u.user + u.system) / 1000 }));
