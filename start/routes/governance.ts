import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { guard, UPLOAD_MAX_BYTES } from '#start/routes/guard'

const CompositionController = () => import('#controllers/governance/composition_controller')
const SeatsController = () => import('#controllers/governance/seats_controller')
const MeetingsController = () => import('#controllers/governance/meetings_controller')
const DecisionsController = () => import('#controllers/governance/decisions_controller')
const DocumentsController = () => import('#controllers/governance/documents_controller')
const PortalController = () => import('#controllers/governance/portal_controller')
const QuorumRulesController = () => import('#controllers/governance/quorum_rules_controller')
const CollegesController = () => import('#controllers/governance/colleges_controller')
const MemberBodiesController = () => import('#controllers/governance/member_bodies_controller')
const PersonsController = () => import('#controllers/governance/persons_controller')
const AttendanceListsController = () =>
  import('#controllers/governance/attendance_lists_controller')
const ResolutionRectificationsController = () =>
  import('#controllers/governance/resolution_rectifications_controller')
const SeatOfficesController = () => import('#controllers/governance/seat_offices_controller')

router
  .group(() => {
    router.get('/', [CompositionController, 'index']).as('index')
    router.get('/composition.xlsx', [CompositionController, 'export']).as('composition.export')
    router.get('/composition/impression', [CompositionController, 'print']).as('composition.print')
    router.get('/portail', [PortalController, 'show']).as('portal')
    router.get('/membres', [MemberBodiesController, 'index']).as('members.index')
    router.get('/membres.xlsx', [MemberBodiesController, 'export']).as('members.export')
    router.get('/regles', [QuorumRulesController, 'index']).as('rules.index')
    router.get('/regles.xlsx', [QuorumRulesController, 'export']).as('rules.export')
    router.get('/seances', [MeetingsController, 'index']).as('meetings.index')
    router.get('/seances.xlsx', [MeetingsController, 'export']).as('meetings.export')
    router
      .get('/seances/:id', [MeetingsController, 'show'])
      .as('meetings.show')
      .where('id', router.matchers.number())
    router
      .get('/seances/:id/presences.xlsx', [MeetingsController, 'exportAttendance'])
      .as('attendances.export')
    router.get('/seances/:id/proces-verbal', [MeetingsController, 'minutes']).as('meetings.minutes')
    router
      .get('/seances/:id/proces-verbal-signe', [DocumentsController, 'showSigned'])
      .as('minutes.signed')
    router.get('/documents/:id', [DocumentsController, 'show']).as('documents.show')
  })
  .prefix('/gouvernance')
  .as('governance')
  .use(guard('governance.read'))

router
  .group(() => {
    router.post('/regles/:kind', [QuorumRulesController, 'update']).as('rules.update')
    router.get('/colleges/:id/modifier', [CollegesController, 'edit']).as('colleges.edit')
    router.post('/colleges/:id', [CollegesController, 'update']).as('colleges.update')
    router.get('/membres/nouveau', [MemberBodiesController, 'create']).as('members.create')
    router.post('/membres', [MemberBodiesController, 'store']).as('members.store')
    router.get('/membres/:id/modifier', [MemberBodiesController, 'edit']).as('members.edit')
    router.post('/membres/:id', [MemberBodiesController, 'update']).as('members.update')
    router
      .post('/membres/:id/suppression', [MemberBodiesController, 'destroy'])
      .as('members.destroy')
    router.get('/personnes/nouvelle', [PersonsController, 'create']).as('persons.create')
    router.post('/personnes', [PersonsController, 'store']).as('persons.store')
    router.get('/personnes/:id/modifier', [PersonsController, 'edit']).as('persons.edit')
    router.post('/personnes/:id', [PersonsController, 'update']).as('persons.update')
    router.post('/personnes/:id/suppression', [PersonsController, 'destroy']).as('persons.destroy')
    router.post('/voix/recalcul', [CompositionController, 'recompute']).as('votes.recompute')
    router.get('/sieges/nouveau', [SeatsController, 'create']).as('seats.create')
    router.post('/sieges', [SeatsController, 'store']).as('seats.store')
    router.post('/sieges/:id/fin', [SeatsController, 'end']).as('seats.end')
    router.post('/sieges/:id/bureau', [SeatOfficesController, 'update']).as('seats.bureau')
    router.get('/seances/nouvelle', [MeetingsController, 'create']).as('meetings.create')
    router.post('/seances', [MeetingsController, 'store']).as('meetings.store')
    router
      .post('/seances/:id/presences', [AttendanceListsController, 'store'])
      .as('attendances.store')
    router
      .post('/seances/:id/presences/:attendanceId', [DecisionsController, 'attendance'])
      .as('attendances.update')
    router
      .post('/seances/:id/resolutions', [DecisionsController, 'resolution'])
      .as('resolutions.store')
    router
      .post('/seances/:id/documents', [DocumentsController, 'store'])
      .as('documents.store')
      .use(middleware.upload({ maxBytes: UPLOAD_MAX_BYTES }))
    router
      .post('/seances/:id/proces-verbal-signe', [DocumentsController, 'storeSigned'])
      .as('minutes.store')
      .use(middleware.upload({ maxBytes: UPLOAD_MAX_BYTES }))
    router.post('/resolutions/:id/votes', [DecisionsController, 'votes']).as('votes.store')
    router
      .post('/resolutions/:id/resultat', [DecisionsController, 'result'])
      .as('resolutions.result')
    router
      .post('/resolutions/:id/rectification', [ResolutionRectificationsController, 'store'])
      .as('resolutions.rectification')
  })
  .prefix('/gouvernance')
  .as('governance.write')
  .use(guard('governance.write'))
