// How a frontend team would call the generated client: this must type-check against what was generated, so an
// operation whose answer lost its schema (and became Promise<void>) breaks the build.
import {
  AgreementsApi, Configuration, ProgrammesApi, ProgrammeStatus, ReportsApi,
} from "../target/typescript-client";

export async function openProgrammeReport(token: string, basePath: string): Promise<number | undefined> {
  const config = new Configuration({ basePath, accessToken: async () => token });
  const page = await new ProgrammesApi(config).listProgrammes({ limit: 1 });
  const id = page.items?.[0]?.id;
  if (!id) {
    return undefined;
  }
  const programme = await new ProgrammesApi(config).getProgramme({ id });
  if (programme.status !== ProgrammeStatus.Open) {
    return undefined;
  }
  const report = await new ReportsApi(config).getProgrammeReport({ programmeId: id });
  return report.summary?.applications ?? undefined;
}

export async function signVersion(token: string, basePath: string, agreementId: string, version: number,
                                  etag: string): Promise<string | undefined> {
  const config = new Configuration({ basePath, accessToken: async () => token });
  const agreement = await new AgreementsApi(config).signAgreementVersion({
    id: agreementId, number: version, ifMatch: etag,
    agreementSignature: { rulesOfConductAcknowledged: true },
  });
  return agreement.status;
}
