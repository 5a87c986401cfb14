import { relations } from 'drizzle-orm'
import { sessions, users } from './accounts'
import { invitations, memberships, organizations } from './organizations'
import { actions, objectives } from './vocabulary'

export const usersRelations = relations(users, ({ many }) => ({
  sessions: many(sessions),
  memberships: many(memberships),
}))
export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}))
export const organizationsRelations = relations(organizations, ({ many }) => ({
  memberships: many(memberships),
  invitations: many(invitations),
}))
export const membershipsRelations = relations(memberships, ({ one }) => ({
  organization: one(organizations, { fields: [memberships.organizationId], references: [organizations.id] }),
  user: one(users, { fields: [memberships.userId], references: [users.id] }),
}))
export const invitationsRelations = relations(invitations, ({ one }) => ({
  organization: one(organizations, { fields: [invitations.organizationId], references: [organizations.id] }),
}))
export const objectivesRelations = relations(objectives, ({ many }) => ({ actions: many(actions) }))
export const actionsRelations = relations(actions, ({ one }) => ({
  objective: one(objectives, { fields: [actions.objectiveNumber], references: [objectives.number] }),
}))
