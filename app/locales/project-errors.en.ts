/** Why a project step was refused: the codes of the DomainErrors thrown by app/domain/projects. */
const projectErrorsEn = {
  projects: {
    alreadyEvaluated: 'This project has already been evaluated.',
    evaluationTooEarly: 'The evaluation is given once the project is completed.',
    finalReportTooEarly: 'The final report is written once the project is completed.',
    finished: 'This project is finished; its thread is read-only.',
    guard: {
      evaluation: 'The requesting State’s evaluation is needed before the project is closed.',
      finalReport: 'The final report must be approved before the project is closed.',
      milestones: 'Every milestone must be approved or waived before the project is completed.',
      workplan: 'The workplan must be approved before the project starts.',
    },
    matchNotAgreed: 'A project can only be set up from an agreed match.',
    notActive: 'Work on milestones happens while the project is active.',
    notReporting: 'Progress is reported once the project has started.',
    reportLocked: 'The final report has been submitted and can no longer be changed.',
    updateLocked: 'This update has been submitted and can no longer be changed.',
    workplanLocked: 'The workplan can no longer be changed.',
    workplanNeedsIndicators: 'Add at least one results indicator before submitting the workplan.',
    workplanNeedsMilestones: 'Add at least one milestone before submitting the workplan.',
    fileEmpty: 'The file is empty.',
    fileTooLarge: 'The file is larger than 10 MB.',
    fileType: 'This kind of file cannot be shared here. Use PDF, an office document (Word, Excel, PowerPoint, OpenDocument), an image (PNG, JPEG, WebP) or plain text (.txt, .csv, .md).',
  },
}
export default projectErrorsEn
