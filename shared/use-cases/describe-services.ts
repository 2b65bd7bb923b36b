import type { Language } from '../domain/language.ts';
import type { Category, District } from '../domain/masterdata/types.ts';
import type { DocumentValue } from '../domain/open311/document.ts';
import { serviceDefinition, serviceList } from '../domain/open311/services.ts';

export interface ServicesDeps {
  masterData: {
    categories(): Promise<Category[]>;
    category(code: string): Promise<Category | undefined>;
    districts(): Promise<District[]>;
  };
}

/** An Open311 client lists the services (complaint categories) it may file under. */
export async function listServices(language: Language, deps: ServicesDeps): Promise<DocumentValue> {
  return serviceList(await deps.masterData.categories(), language);
}

/** An Open311 client reads what filing under one service asks for; undefined for an unknown code. */
export async function describeService(
  serviceCode: string,
  language: Language,
  deps: ServicesDeps,
): Promise<DocumentValue | undefined> {
  const category = await deps.masterData.category(serviceCode);
  if (!category) return undefined;
  return serviceDefinition(category, await deps.masterData.districts(), language);
}
