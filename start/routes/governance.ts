import { guard, UPLOAD_MAX_BYTES } from '#start/routes/guard'
import { routeTable } from '#start/routes/table'

routeTable(
  {
    controllers: 'governance',
    prefix: '/gouvernance',
    as: 'governance',
    use: guard('governance.read'),
  },
  `
  GET   /                                     index                      composition.index
  GET   /composition.xlsx                     composition.export         composition.export
  GET   /composition/impression               composition.print          composition.print
  GET   /portail                              portal                     portal.show
  GET   /membres                              members.index              member_bodies.index
  GET   /membres.xlsx                         members.export             member_bodies.export
  GET   /regles                               rules.index                quorum_rules.index
  GET   /regles.xlsx                          rules.export               quorum_rules.export
  GET   /seances                              meetings.index             meetings.index
  GET   /seances.xlsx                         meetings.export            meetings.export
  GET   /seances/:id                          meetings.show              meetings.show                    #id
  GET   /seances/:id/presences.xlsx           attendances.export         meetings.exportAttendance
  GET   /seances/:id/proces-verbal            meetings.minutes           meetings.minutes
  GET   /seances/:id/proces-verbal-signe      minutes.signed             documents.showSigned
  GET   /documents/:id                        documents.show             documents.show
  `
)

routeTable(
  {
    controllers: 'governance',
    prefix: '/gouvernance',
    as: 'governance.write',
    use: guard('governance.write'),
    upload: { maxBytes: UPLOAD_MAX_BYTES },
  },
  `
  POST  /regles/:kind                         rules.update               quorum_rules.update
  GET   /colleges/:id/modifier                colleges.edit              colleges.edit
  POST  /colleges/:id                         colleges.update            colleges.update
  GET   /membres/nouveau                      members.create             member_bodies.create
  POST  /membres                              members.store              member_bodies.store
  GET   /membres/:id/modifier                 members.edit               member_bodies.edit
  POST  /membres/:id                          members.update             member_bodies.update
  POST  /membres/:id/suppression              members.destroy            member_bodies.destroy
  GET   /personnes/nouvelle                   persons.create             persons.create
  POST  /personnes                            persons.store              persons.store
  GET   /personnes/:id/modifier               persons.edit               persons.edit
  POST  /personnes/:id                        persons.update             persons.update
  POST  /personnes/:id/suppression            persons.destroy            persons.destroy
  POST  /voix/recalcul                        votes.recompute            composition.recompute
  GET   /sieges/nouveau                       seats.create               seats.create
  POST  /sieges                               seats.store                seats.store
  POST  /sieges/:id/fin                       seats.end                  seats.end
  POST  /sieges/:id/bureau                    seats.bureau               seat_offices.update
  GET   /seances/nouvelle                     meetings.create            meetings.create
  POST  /seances                              meetings.store             meetings.store
  POST  /seances/:id/presences                attendances.store          attendance_lists.store
  POST  /seances/:id/presences/:attendanceId  attendances.update         decisions.attendance
  POST  /seances/:id/resolutions              resolutions.store          decisions.resolution
  POST  /seances/:id/documents                documents.store            documents.store                  upload
  POST  /seances/:id/proces-verbal-signe      minutes.store              documents.storeSigned            upload
  POST  /resolutions/:id/votes                votes.store                decisions.votes
  POST  /resolutions/:id/resultat             resolutions.result         decisions.result
  POST  /resolutions/:id/rectification        resolutions.rectification  resolution_rectifications.store
  `
)

// The board pack of a meeting (issue #17, docs/adr/0013-board-pack-pdf.md).
routeTable(
  {
    controllers: 'governance',
    prefix: '/gouvernance',
    as: 'governance',
    use: guard('governance.read'),
  },
  `
  GET   /seances/:id/dossier                  board_packs.show           board_packs.show                 #id
  GET   /seances/:id/dossier/apercu           board_packs.preview        board_packs.preview              #id
  GET   /seances/:id/dossier.pdf              board_packs.pdf            board_packs.pdf                  #id
  GET   /seances/:id/dossier.xlsx             board_packs.export         board_packs.export               #id
  `
)

routeTable(
  {
    controllers: 'governance',
    prefix: '/gouvernance',
    as: 'governance.write',
    use: guard('governance.write'),
  },
  `
  POST  /seances/:id/dossier                  board_packs.update         board_packs.update               #id
  POST  /seances/:id/dossier/document         board_packs.generate       board_pack_documents.store       #id
  `
)
