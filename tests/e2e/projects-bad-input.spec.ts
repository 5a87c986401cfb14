import { randomUUID } from 'node:crypto'
import { expectingStatus, test } from './helpers'
import { dayInMonths, logInAs, people, visit } from './project-steps'
import { expect, expectAccessible } from './support'

test('bad input on the project pages gets a 4xx with words, never a 500', async ({ page }, testInfo) => {
  const origin = new URL(testInfo.project.use.baseURL ?? '').origin
  await logInAs(page, people.secretariat)
  await visit(page, '/secretariat/projects')
  await page.getByRole('link', { name: 'DAR 1+3 digital platform and diaspora expert assignments in Moldova' }).click()
  await expect(page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/workspace$/)
  const workspace = new URL(page.url()).pathname
  const project = workspace.replace(/\/workspace$/, '')

  const post = (path: string, form: Record<string, string>) => page.request.post(path, { headers: { Origin: origin }, form, maxRedirects: 0 })
  // No form for the milestones is shown while the workplan awaits review, so the answer is read from the page's data.
  const refused = async (form: Record<string, string>, field: string, code: string) => {
    const response = await post(workspace, form)
    expect(response.status()).toBe(400)
    const html = await response.text()
    expect(html).toContain('Workspace: DAR 1+3 digital platform')
    expect(html, field).toContain(code)
  }
  const milestone = { intent: 'addMilestone', title: 'Platform handover', deliverable: 'The platform handed over to the Bureau.', dueDate: dayInMonths(6) }
  await refused({ ...milestone, title: '' }, 'title', 'validation.required')
  await refused({ ...milestone, dueDate: '31/12/2027' }, 'dueDate', 'validation.date')
  await refused({ ...milestone, trancheAmount: '-5' }, 'trancheAmount', 'validation.amount')
  expect((await post(workspace, { intent: 'explode' })).status()).toBe(400)
  expect((await post(workspace, { intent: 'transition', action: 'explode' })).status()).toBe(400)
  expect((await post(`${project}/milestones/${randomUUID()}`, { intent: 'review', decision: 'approve' })).status()).toBe(404)

  const notFound = async (path: string) => {
    await expectingStatus(page, 404, async () => {
      const response = await page.goto(path)
      expect(response?.status(), path).toBe(404)
    })
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible()
    await expectAccessible(page)
  }
  await notFound(`/projects/${randomUUID()}`)
  await notFound(`/projects/${randomUUID()}/workspace`)
  await notFound('/projects/not-a-project/workspace')
  await notFound('/projects/42')
  await notFound(`${project}/milestones/not-a-milestone`)
  await notFound(`${project}/updates/${randomUUID()}`)
  await notFound(`/projects/${randomUUID()}/timeline`)
})
