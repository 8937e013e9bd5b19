// Every test runs in UTC, whatever the machine's zone.
process.env.TZ = 'UTC';
