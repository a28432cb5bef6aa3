import { guard } from '#start/routes/guard'
import { routeTable } from '#start/routes/table'

// Registered before the read routes so that /dispositifs/nouveau is not taken for a code.
routeTable(
  {
    controllers: 'activity',
    numbers: ['id'],
    prefix: '/activite',
    as: 'activity',
    use: guard('activity.write'),
  },
  `
  GET   /dispositifs/nouveau       programmes.create   programme_forms.create
  POST  /dispositifs               programmes.store    programme_forms.store
  GET   /dispositifs/:id/modifier  programmes.edit     programme_forms.edit
  PUT   /dispositifs/:id           programmes.update   programme_forms.update
  GET   /territoires/nouveau       territories.create  territory_forms.create
  POST  /territoires               territories.store   territory_forms.store
  GET   /territoires/:id/modifier  territories.edit    territory_forms.edit
  PUT   /territoires/:id           territories.update  territory_forms.update
  // Corrections of the stored values; the targets of a programme, fed by its conventions.
  PUT     /valeurs/:id                             values.update                value_corrections.update
  DELETE  /valeurs/:id                             values.destroy               value_corrections.destroy
  GET     /dispositifs/:id/objectifs               programmes.targets           programme_targets.index
  GET     /dispositifs/:id/objectifs.xlsx          programmes.targets.export    programme_targets.export
  POST    /dispositifs/:id/objectifs               programmes.targets.store     programme_targets.store
  POST    /dispositifs/:id/objectifs/conventions   programmes.targets.import    programme_targets.importFromGrants
  PUT     /objectifs/:id                           targets.update               programme_targets.update
  DELETE  /objectifs/:id                           targets.destroy              programme_targets.destroy
  `
)

routeTable(
  {
    controllers: 'activity',
    prefix: '/activite',
    as: 'activity',
    use: guard('activity.read'),
  },
  `
  GET  /                           key_figures         key_figures.show
  GET  /chiffres-cles.xlsx         key_figures.export  key_figures.exportAll
  GET  /tableaux/:key/export.xlsx  key_figures.table   key_figures.exportTable
  GET  /valeurs                    values              values.index
  GET  /valeurs.xlsx               values.export       values.export
  GET  /dispositifs                programmes          programmes.index
  GET  /dispositifs.xlsx           programmes.export   programmes.export
  GET  /dispositifs/:code          programmes.show     programmes.show
  GET  /territoires                territories         programmes.territories
  GET  /territoires.xlsx           territories.export  programmes.exportTerritories
  `
)
