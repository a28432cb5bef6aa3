/*
|--------------------------------------------------------------------------
| Refusals of the database, in French
|--------------------------------------------------------------------------
|
| The French messages of the domains' named constraints (docs/adr/0007-refusal-path.md), kept
| with each domain's vocabulary and registered once at boot, so that a refusal reads the same in
| every process (web, commands, tests) and on every path: an action's `underDatabaseRules` or
| the exception handler.
|
*/

import { registerConstraintMessages } from '#support/domain_errors'
import { ACCOUNTING_CONSTRAINT_MESSAGES } from '#vocabulary/accounting'
import { ACTIVITY_CONSTRAINT_MESSAGES } from '#vocabulary/activity'
import { GOVERNANCE_CONSTRAINT_MESSAGES } from '#vocabulary/governance'
import { GRANT_CONSTRAINT_MESSAGES } from '#vocabulary/grants'
import {
  CONTRACT_CONSTRAINT_MESSAGES,
  PAY_COMPONENT_CONSTRAINT_MESSAGES,
  TRAINING_CONSTRAINT_MESSAGES,
} from '#vocabulary/hr'

registerConstraintMessages(ACCOUNTING_CONSTRAINT_MESSAGES)
registerConstraintMessages(ACTIVITY_CONSTRAINT_MESSAGES)
registerConstraintMessages(GOVERNANCE_CONSTRAINT_MESSAGES)
registerConstraintMessages(GRANT_CONSTRAINT_MESSAGES)
registerConstraintMessages(PAY_COMPONENT_CONSTRAINT_MESSAGES)
registerConstraintMessages(CONTRACT_CONSTRAINT_MESSAGES)
registerConstraintMessages(TRAINING_CONSTRAINT_MESSAGES)
