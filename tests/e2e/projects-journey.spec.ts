import { expectingStatus, pageInNewContext, test } from './helpers'
import { dayInMonths, expectFlash, FUNDER, itemTexts, lessons, logInAs, PARTNER, people, positionsOf, REQUEST, secrets, tinyPdf, visit } from './project-steps'
import { expect, expectAccessible } from './support'

test('a project runs from an agreed match to its closure, and a visitor reads its public page and timeline', async ({ page, browser }, testInfo) => {
  test.setTimeout(480_000)
  const origin = new URL(testInfo.project.use.baseURL ?? '').origin
  const suffix = Date.now().toString(36)
  const title = `Migrant Resource Centres in Koshi and Madhesh Provinces ${suffix}`
  const milestone1 = 'Ten municipalities agree to host a centre'
  const milestone2 = 'Free hotline for prospective migrants'
  const indicator = 'Prospective migrants counselled at the new centres'
  const [start, end] = [dayInMonths(0), dayInMonths(24)]

  const staff = await pageInNewContext(browser)
  const state = await pageInNewContext(browser)
  let matchPath = ''
  let workspace = ''

  await test.step('the partner expresses interest; the Nepal State accepts; the match is agreed', async () => {
    await logInAs(page, people.partner)
    await visit(page, `/requests?q=${encodeURIComponent('Migrant Resource Centres high-emigration')}`)
    await page.getByRole('link', { name: REQUEST }).click()
    await expect(page.getByRole('heading', { level: 1, name: REQUEST })).toBeVisible()
    await expectAccessible(page)
    await page.getByRole('link', { name: 'Express interest' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Express interest' })).toBeVisible()
    await expectAccessible(page)
    await expect(page.getByLabel('On behalf of')).toHaveValue(/.+/)
    await page.getByLabel('What you propose').fill('Ten centres set up with the municipalities, counselling scripts, a hotline and a case log feeding the complaint system.')
    await page.getByLabel('Indicative budget (optional)').fill('250000')
    await page.getByLabel('Currency').fill('USD')
    await page.getByRole('button', { name: 'Send expression of interest' }).click()
    await expectFlash(page, 'Your interest has been sent to the State and the secretariat.')
    await expect(page).toHaveURL(/\/matches\/[0-9a-f-]{36}$/)
    matchPath = new URL(page.url()).pathname
    await expectAccessible(page)

    await logInAs(state.page, people.nepal)
    await visit(state.page, '/notifications')
    // The notification leads to the request, where the State sees the interest and opens it.
    await state.page.getByRole('link', { name: new RegExp(`${PARTNER} is interested in the request “${REQUEST}”`) }).first().click()
    await expect(state.page.getByRole('heading', { level: 1, name: REQUEST })).toBeVisible()
    await expectAccessible(state.page)
    const interests = state.page.getByRole('region', { name: 'Interests and matches' })
    await interests.getByRole('listitem').filter({ hasText: 'Interest from the provider' }).getByRole('link', { name: PARTNER }).click()
    await expect(state.page).toHaveURL(new RegExp(`${matchPath}$`))
    await expectAccessible(state.page)
    await state.page.getByRole('button', { name: 'Accept the match' }).click()
    await expectFlash(state.page, 'Both sides accepted: the match is agreed.')
    await expect(state.page.getByRole('heading', { name: 'This match is agreed' })).toBeVisible()
    await expectAccessible(state.page)
  })

  await test.step('the secretariat sets up the project from the agreed match', async () => {
    await logInAs(staff.page, people.secretariat)
    await visit(staff.page, matchPath)
    await staff.page.getByRole('link', { name: 'Set up the project' }).click()
    await expect(staff.page.getByRole('heading', { level: 1, name: 'Set up the project' })).toBeVisible()
    await expectAccessible(staff.page)
    await expect(staff.page.getByLabel('Project title')).toHaveValue(REQUEST)
    await expect(staff.page.getByLabel('Budget', { exact: true })).toHaveValue('250000')
    await staff.page.getByLabel('Budget', { exact: true }).fill('260000')
    await staff.page.getByLabel('Project title').fill(title)
    await staff.page.getByLabel('Start date').fill(start)
    await staff.page.getByLabel('End date').fill(end)
    await staff.page.getByLabel('Progress updates').selectOption({ label: 'Every 3 months' })
    await staff.page.getByLabel('Currency').fill('USD')
    await staff.page.getByRole('checkbox', { name: FUNDER }).check()
    await staff.page.getByLabel('Source 1: description').fill(`${FUNDER} grant`)
    await staff.page.getByLabel('Source 1: amount').fill('150000')
    await staff.page.getByLabel('Source 1: organisation').selectOption({ label: FUNDER })
    await staff.page.getByRole('button', { name: 'Set up the project' }).click()
    await expectFlash(staff.page, 'The project is set up. The implementing partner can now draft the workplan.')
    await expect(staff.page.getByRole('heading', { level: 1, name: title })).toBeVisible()
    await expect(staff.page).toHaveURL(/\/projects\/[0-9a-f-]{36}\/workspace$/)
    workspace = new URL(staff.page.url()).pathname
    await expect(staff.page.getByText('Inception', { exact: true })).toBeVisible()
    await expect(staff.page.getByText('USD 260,000')).toBeVisible()
    await expect(staff.page.getByText(`${FUNDER} grant`)).toBeVisible()
    await expectAccessible(staff.page)

    // The match now leads to the project.
    await visit(staff.page, matchPath)
    await expect(staff.page.getByText('A project was set up from this match.')).toBeVisible()
  })

  await test.step('the partner drafts the workplan and submits it; a due date outside the project is refused', async () => {
    await visit(page, '/dashboard')
    await page.getByRole('region', { name: 'Table: Your projects' }).getByRole('link', { name: title }).click()
    await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible()
    await expect(page).toHaveURL(new RegExp(`${workspace}$`))
    await expect(page.getByText('The implementing partner drafts the milestones')).toBeVisible()
    await expectAccessible(page)

    await page.getByText('Add a milestone').click()
    await page.getByLabel('Deliverable').fill('Signed letters of commitment from ten municipalities, with premises for each centre.')
    await page.getByLabel(/^Due date/).fill(dayInMonths(30))
    await page.getByLabel(/^Tranche released on approval/).fill('40000')
    await page.getByRole('button', { name: 'Add the milestone' }).click()
    await expect(page.getByLabel('Title', { exact: true })).toHaveAccessibleDescription('This field is required.')
    await page.getByLabel('Title', { exact: true }).fill(milestone1)
    await expectingStatus(page, 400, async () => {
      await page.getByRole('button', { name: 'Add the milestone' }).click()
      await expect(page.getByText('The due date must fall between the project’s start and end dates.')).toBeVisible()
    })
    await expect(page.getByLabel(/^Due date/)).toHaveAttribute('aria-invalid', 'true')
    await expectAccessible(page)
    await page.getByLabel(/^Due date/).fill(dayInMonths(3))
    await page.getByRole('button', { name: 'Add the milestone' }).click()
    await expectFlash(page, 'Milestone added.')
    await expect(page.getByRole('table', { name: 'Milestones' }).getByRole('link', { name: milestone1 })).toBeVisible()

    await page.getByText('Add a milestone').click()
    await page.getByLabel('Title', { exact: true }).fill(milestone2)
    await page.getByLabel('Deliverable').fill('A free hotline answering prospective migrants six days a week.')
    await page.getByLabel(/^Due date/).fill(dayInMonths(9))
    await page.getByRole('button', { name: 'Add the milestone' }).click()
    await expectFlash(page, 'Milestone added.')
    await expect(page.getByRole('table', { name: 'Milestones' }).getByRole('link', { name: milestone2 })).toBeVisible()

    await page.getByText('Add an indicator').click()
    await page.getByLabel('Level').selectOption({ label: 'Output' })
    await page.getByLabel('Indicator', { exact: true }).fill(indicator)
    await page.getByLabel('Unit').fill('people')
    await page.getByLabel('Baseline').fill('0')
    await page.getByLabel('Target').fill('20000')
    await page.getByRole('checkbox', { name: 'Sex' }).check()
    await page.getByRole('button', { name: 'Add the indicator' }).click()
    await expectFlash(page, 'Indicator added.')
    const indicators = page.getByRole('table', { name: 'Results framework' })
    await expect(indicators.getByRole('row', { name: new RegExp(indicator) })).toContainText('Sex')
    await expectAccessible(page)

    await page.getByRole('button', { name: 'Submit the workplan for approval' }).click()
    await expectFlash(page, 'The workplan has been submitted to the secretariat.')
    await expect(page.getByText('Awaiting review', { exact: true })).toBeVisible()
    await expectAccessible(page)
  })

  await test.step('the secretariat cannot start before approval; returns the workplan, then approves it and starts', async () => {
    await visit(staff.page, workspace)
    await expectingStatus(staff.page, 409, async () => {
      await staff.page.getByRole('button', { name: 'Start the project' }).click()
      await expect(staff.page.getByRole('alert').filter({ hasText: 'The workplan must be approved before the project starts.' })).toBeVisible()
    })
    await expect(staff.page.getByText('Inception', { exact: true })).toBeVisible()
    await expectAccessible(staff.page)

    await staff.page.getByLabel('Comments', { exact: true }).fill(secrets.workplanComment)
    await staff.page.getByRole('button', { name: 'Return with comments' }).click()
    await expectFlash(staff.page, 'The workplan has been returned with your comments.')

    await visit(page, workspace)
    await expect(page.getByText(secrets.workplanComment)).toBeVisible()
    await page.getByRole('button', { name: 'Submit the workplan for approval' }).click()
    await expectFlash(page, 'The workplan has been submitted to the secretariat.')

    await visit(staff.page, workspace)
    await staff.page.getByRole('button', { name: 'Approve the workplan' }).click()
    await expectFlash(staff.page, 'The workplan is approved.')
    await staff.page.getByRole('button', { name: 'Start the project' }).click()
    await expectFlash(staff.page, 'The project has started.')
    await expect(staff.page.getByText('Active', { exact: true })).toBeVisible()
    await expectAccessible(staff.page)
  })

  let milestonePath = ''
  await test.step('milestone 1: submitted with evidence and a file, returned, resubmitted; the State cannot approve it; the secretariat approves', async () => {
    await visit(page, workspace)
    await page.getByRole('table', { name: 'Milestones' }).getByRole('link', { name: milestone1 }).click()
    await expect(page.getByRole('heading', { level: 1, name: milestone1 })).toBeVisible()
    milestonePath = new URL(page.url()).pathname
    await expectAccessible(page)
    await page.getByLabel('What was delivered').fill(secrets.evidence)
    await page.getByLabel('Links (optional)').fill('https://example.org/koshi-madhesh/inception-report')
    await page.getByLabel('Attach a file (optional)').setInputFiles({ name: 'inception-report.pdf', mimeType: 'application/pdf', buffer: tinyPdf })
    await page.getByRole('button', { name: 'Submit for review' }).click()
    await expectFlash(page, 'The milestone was submitted for review. The secretariat has been told.')
    await expect(page.getByText('Submitted for review', { exact: true })).toBeVisible()
    await expect(page.getByRole('link', { name: 'inception-report.pdf' })).toBeVisible()
    await expectAccessible(page)

    await visit(staff.page, milestonePath)
    await expect(staff.page.getByText(secrets.evidence)).toBeVisible()
    await expect(staff.page.getByText('Approving it may release the tranche of USD 40,000.')).toBeVisible()
    const download = await staff.page.request.get(await staff.page.getByRole('link', { name: 'inception-report.pdf' }).getAttribute('href') ?? '')
    expect(download.status()).toBe(200)
    expect(download.headers()['content-type']).toContain('application/pdf')
    await staff.page.getByLabel('Comment', { exact: true }).fill(secrets.returnComment)
    await staff.page.getByRole('button', { name: 'Return with comments' }).click()
    await expectFlash(staff.page, 'The milestone was returned with your comments.')

    await visit(page, milestonePath)
    await expect(page.getByRole('heading', { name: 'Returned by the secretariat: what to fix' })).toBeVisible()
    await expect(page.getByText(secrets.returnComment)).toBeVisible()
    await expect(page.getByRole('heading', { name: 'Submit again for review' })).toBeVisible()
    await page.getByLabel('What was delivered').fill(secrets.evidenceAgain)
    await page.getByRole('button', { name: 'Submit for review' }).click()
    await expectFlash(page, 'The milestone was submitted for review. The secretariat has been told.')

    // The State follows the milestone but does not decide on it, on the page or by a forged post.
    await visit(state.page, milestonePath)
    await expect(state.page.getByText('Submitted for review', { exact: true })).toBeVisible()
    await expect(state.page.getByText(secrets.evidenceAgain)).toBeVisible()
    await expect(state.page.getByRole('button', { name: 'Approve' })).toHaveCount(0)
    await expect(state.page.getByRole('button', { name: 'Waive the milestone' })).toHaveCount(0)
    const forged = await state.page.request.post(milestonePath, { headers: { Origin: origin }, form: { intent: 'review', decision: 'approve' }, maxRedirects: 0 })
    expect(forged.status()).toBe(403)
    expect(await forged.text()).not.toContain('Origin check failed')

    await visit(staff.page, milestonePath)
    await staff.page.getByRole('button', { name: 'Approve' }).click()
    await expectFlash(staff.page, 'The milestone was approved.')
    await expect(staff.page.getByText('Approved', { exact: true })).toBeVisible()

    await visit(state.page, milestonePath)
    await expect(state.page.getByText('Approved', { exact: true })).toBeVisible()
  })

  await test.step('the partner reports progress with a breakdown by sex; the secretariat approves it; progress counts it', async () => {
    await visit(page, workspace)
    await page.getByLabel('Your message').fill(secrets.message)
    await page.getByRole('button', { name: 'Post the message' }).click()
    await expectFlash(page, 'Your message has been posted.')

    await page.getByRole('link', { name: 'Write a progress update' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'New progress update' })).toBeVisible()
    await expectAccessible(page)
    await expect(page.getByLabel('Start of the period')).toHaveValue(start)
    await page.getByLabel('What happened in this period').fill('Four centres opened in Morang, Sunsari, Dhanusha and Siraha; counsellors trained; outreach to women’s groups began.')
    await page.getByLabel('Value at the end of the period (people)').fill('1200')
    const bySex = page.getByRole('group', { name: 'Breakdown by sex (optional)' })
    await bySex.getByLabel('Female', { exact: true }).fill('700')
    await bySex.getByLabel('Male', { exact: true }).fill('500')
    await page.getByRole('button', { name: 'Submit for review' }).click()
    await expectFlash(page, 'The progress update was submitted for review.')
    await expect(page.getByText('Awaiting review', { exact: true })).toBeVisible()
    await expectAccessible(page)
    const updatePath = new URL(page.url()).pathname

    await visit(staff.page, workspace)
    const progressBar = staff.page.getByRole('progressbar', { name: 'Progress', exact: true })
    const before = Number(await progressBar.getAttribute('value'))
    await staff.page.getByRole('table', { name: 'Progress updates' }).getByRole('link').first().click()
    await expect(staff.page).toHaveURL(new RegExp(`${updatePath}$`))
    await expectAccessible(staff.page)
    await staff.page.getByRole('button', { name: 'Approve' }).click()
    await expectFlash(staff.page, 'The progress update was approved; its values now count towards the indicators.')
    await expectAccessible(staff.page)

    await visit(staff.page, workspace)
    const row = staff.page.getByRole('table', { name: 'Results framework' }).getByRole('row', { name: new RegExp(indicator) })
    await expect(row).toContainText('1,200')
    // Half the milestones are done; the approved value now counts too.
    expect(before).toBeGreaterThan(0)
    expect(Number(await progressBar.getAttribute('value'))).toBeGreaterThan(before)
  })

  await test.step('the secretariat cannot complete with a milestone open; waives milestone 2; completes; cannot close before the final report', async () => {
    await expectingStatus(staff.page, 409, async () => {
      await staff.page.getByRole('button', { name: 'Mark as completed' }).click()
      await expect(staff.page.getByRole('alert').filter({ hasText: 'Every milestone must be approved or waived before the project is completed.' })).toBeVisible()
    })
    await staff.page.getByRole('table', { name: 'Milestones' }).getByRole('link', { name: milestone2 }).click()
    await expect(staff.page.getByRole('heading', { level: 1, name: milestone2 })).toBeVisible()
    await expectAccessible(staff.page)
    await staff.page.getByLabel('Reason').fill(secrets.waiver)
    await staff.page.getByRole('button', { name: 'Waive the milestone' }).click()
    await expectFlash(staff.page, 'The milestone was waived.')
    await expect(staff.page.getByText('Waived', { exact: true })).toBeVisible()
    await expectAccessible(staff.page)

    await visit(staff.page, workspace)
    await staff.page.getByRole('button', { name: 'Mark as completed' }).click()
    await expectFlash(staff.page, 'The project is completed. The final report is now due.')
    await expectingStatus(staff.page, 409, async () => {
      await staff.page.getByRole('button', { name: 'Close the project' }).click()
      await expect(staff.page.getByRole('alert').filter({ hasText: 'The final report must be approved before the project is closed.' })).toBeVisible()
    })
    await expect(staff.page.getByText('Completed', { exact: true })).toBeVisible()
    await expectAccessible(staff.page)
  })

  await test.step('the final report is written, approved and the State evaluates; the secretariat closes and publishes', async () => {
    await visit(page, workspace)
    await page.getByRole('link', { name: 'Write the final report' }).click()
    await expect(page.getByRole('heading', { level: 1, name: 'Final report' })).toBeVisible()
    await expectAccessible(page)
    await page.getByLabel('Results achieved').fill('Ten centres open in Koshi and Madhesh; 1,200 prospective migrants counselled, 700 of them women.')
    await page.getByLabel('Lessons learned').fill(lessons)
    await page.getByLabel('Sustainability').fill('The municipalities fund the counsellors from their own budgets from next fiscal year.')
    await page.getByRole('button', { name: 'Submit for review' }).click()
    await expectFlash(page, 'The final report was submitted for review.')
    await expectAccessible(page)
    const reportPath = new URL(page.url()).pathname

    await visit(staff.page, reportPath)
    await staff.page.getByRole('button', { name: 'Approve' }).click()
    await expectFlash(staff.page, 'The final report was approved.')

    await visit(state.page, reportPath)
    await expect(state.page.getByText(lessons)).toBeVisible()
    await state.page.getByLabel('4 · Satisfactory').check()
    await state.page.getByLabel('Comment', { exact: true }).fill('The centres reached women in districts the Ministry could not reach before.')
    await state.page.getByRole('button', { name: 'Record the evaluation' }).click()
    await expectFlash(state.page, 'Thank you: your evaluation was recorded.')
    await expect(state.page.getByText('Both are done: the secretariat can now close the project from the workspace.')).toBeVisible()
    await expectAccessible(state.page)

    await visit(staff.page, workspace)
    await staff.page.getByRole('button', { name: 'Close the project' }).click()
    await expectFlash(staff.page, 'The project is closed.')
    await expect(staff.page.getByText('Closed', { exact: true })).toBeVisible()
    await expect(staff.page.getByText('The public page is not published: visitors cannot see this project.')).toBeVisible()
    await staff.page.getByRole('button', { name: 'Publish the public page' }).click()
    await expectFlash(staff.page, 'The project’s public page is published.')
    await expect(staff.page.getByRole('button', { name: 'Unpublish the public page' })).toBeVisible()
    await expectAccessible(staff.page)
  })

  await test.step('a visitor finds the project and reads what is public, and only that', async () => {
    const visitor = await pageInNewContext(browser)
    await visit(visitor.page, '/projects')
    const filters = visitor.page.getByRole('search', { name: 'Filter projects' })
    await filters.getByLabel('Country').selectOption({ label: 'Nepal' })
    await filters.getByLabel('Status').selectOption({ label: 'Closed' })
    await filters.getByRole('button', { name: 'Apply filters' }).click()
    await expect(visitor.page).toHaveURL(/country=NPL/)
    await expectAccessible(visitor.page)
    await visitor.page.getByRole('link', { name: title }).click()
    await expect(visitor.page.getByRole('heading', { level: 1, name: title })).toBeVisible()
    await expectAccessible(visitor.page)
    const publicPage = visitor.page.getByRole('main')
    await expect(publicPage.getByText('Closed', { exact: true })).toHaveCount(2) // the status, and the date it closed
    await expect(publicPage.getByRole('link', { name: /^3\. / })).toBeVisible()
    await expect(publicPage.getByRole('link', { name: /^10\. / })).toBeVisible()
    const participants = visitor.page.getByRole('region', { name: 'Participants' })
    await expect(participants.getByRole('listitem').filter({ hasText: PARTNER })).toContainText('Implementing')
    await expect(participants.getByRole('listitem').filter({ hasText: FUNDER })).toContainText('Funding')
    const progress = Number(await visitor.page.getByRole('progressbar', { name: `Progress of ${title}` }).getAttribute('value'))
    expect(progress).toBeGreaterThan(0)
    await expect(visitor.page.getByText('2 of 2 milestones approved or waived')).toBeVisible()
    const result = visitor.page.getByRole('table', { name: 'Results' }).getByRole('row', { name: new RegExp(indicator) })
    await expect(result).toContainText('1,200')
    await expect(result).toContainText('Female 700, Male 500')
    await expect(visitor.page.getByRole('region', { name: 'Final report' })).toContainText(lessons)
    const html = await visitor.page.content()
    for (const secret of Object.values(secrets)) expect(html, `the public page shows “${secret}”`).not.toContain(secret)

    await visitor.page.getByRole('link', { name: 'Timeline of the project' }).click()
    await expect(visitor.page.getByRole('heading', { level: 1, name: 'Timeline' })).toBeVisible()
    await expectAccessible(visitor.page)
    const events = await itemTexts(visitor.page, 'Events')
    const steps = [
      /Request published/,
      new RegExp(`Match agreed with ${PARTNER}`),
      /Project started/,
      new RegExp(`Milestone approved: ${milestone1}`),
      /Progress update approved/,
      /Project completed/,
      /Final report approved/,
      /Project closed/,
    ]
    const positions = positionsOf(events, steps)
    expect(positions.every((p) => p >= 0), `timeline: ${events.join(' | ')}`).toBe(true)
    expect(positions, `timeline: ${events.join(' | ')}`).toEqual([...positions].sort((a, b) => a - b))
    expect(events.filter((e) => /expressed interest|submitted|returned|Parties only/i.test(e))).toEqual([])
    const timelineHtml = await visitor.page.content()
    for (const secret of Object.values(secrets)) expect(timelineHtml).not.toContain(secret)
    await visitor.close()

    // The parties' timeline tells the whole story, the interest included.
    await visit(staff.page, `${workspace.replace(/\/workspace$/, '')}/timeline`)
    const partyEvents = await itemTexts(staff.page, 'Events')
    expect(partyEvents.some((e) => e.includes(`${PARTNER} expressed interest`) && e.includes('Parties only'))).toBe(true)
  })

  await test.step('the secretariat’s portfolio lists the project', async () => {
    await visit(staff.page, '/secretariat/projects')
    const row = staff.page.getByRole('row').filter({ has: staff.page.getByRole('link', { name: title }) })
    await expect(row).toContainText('Closed')
    await expect(row).toContainText(PARTNER)
  })

  await staff.close()
  await state.close()
})
