import { Agreement } from './agreement';
import { AgreementMeasure } from './agreement-measure';
import { DesignationApplication } from './designation-application';
import { DesignationStep } from './designation-step';
import { FundGate } from './fund-gate';
import { InformationChange } from './information-change';
import { Institution } from './institution';

/** Every table of the agreements schema (the platform tables come with @pq/data). */
export const ENTITIES = [Institution, Agreement, AgreementMeasure, DesignationApplication, DesignationStep, InformationChange, FundGate];
