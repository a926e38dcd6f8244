// How a frontend team would call the generated client: this must type-check against what was generated.
import { Configuration, ProgrammesApi, ReportsApi } from "../target/typescript-client";

export async function firstProgrammeReport(token: string, basePath: string): Promise<number | undefined> {
  const config = new Configuration({ basePath, accessToken: async () => token });
  const programmes = await new ProgrammesApi(config).programmeResourceList({ limit: 1 });
  const first = programmes.items?.[0];
  if (!first?.id) {
    return undefined;
  }
  const report = await new ReportsApi(config).getProgrammeReport({ programmeId: first.id });
  return report.summary?.applications;
}
