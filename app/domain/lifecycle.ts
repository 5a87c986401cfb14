import { DomainError } from './errors'

/** A state machine as data: each action lists the states it may start from and the state it leads to. */
export type Transitions<Status extends string, Action extends string> = Record<Action, { from: readonly Status[]; to: Status }>

export function nextStatus<Status extends string, Action extends string>(
  machine: Transitions<Status, Action>,
  current: Status,
  action: Action,
): Status {
  const rule = machine[action]
  if (!rule.from.includes(current)) {
    throw new DomainError('lifecycle.notAllowed', `Cannot ${action} when the status is ${current}.`, 409)
  }
  return rule.to
}

export const allowedActions = <Status extends string, Action extends string>(machine: Transitions<Status, Action>, current: Status) =>
  (Object.keys(machine) as Action[]).filter((action) => machine[action].from.includes(current))

/** Whether the lifecycle lets `action` start from `current`: what pages ask instead of listing statuses. */
export const isAllowed = <Status extends string, Action extends string>(machine: Transitions<Status, Action>, current: Status, action: Action) =>
  machine[action].from.includes(current)
