// Runs once before the suite. States plainly which database suites run and why.
export default function setup(): void {
  if (process.env.TEST_DATABASE_URL) {
    console.log(
      `[design-sync tests] PostgreSQL suites run against TEST_DATABASE_URL (${redact(process.env.TEST_DATABASE_URL)}).`,
    );
  } else {
    console.log(
      '[design-sync tests] PostgreSQL suites SKIPPED: TEST_DATABASE_URL is not set (CI sets it; see README). PGlite suites run.',
    );
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
