import { test } from '@japa/runner'
import { mkdir } from 'node:fs/promises'
import db from '@adonisjs/lucid/services/db'
import { demoOrganisation, inspecting, isolated, makeUser, TEST_PASSWORD } from '#tests/helpers'
import { pdfPagesText } from '#tests/support/pdf_text'
import { formatDate } from '#support/french_format'

/**
 * What the test reads inside the page, as source text (the tests are type-checked without the
 * DOM's types): the page's sideways scroll, the KPI cards wider than their box, and how many
 * colours the first chart's canvas holds (0 when nothing is drawn).
 */
const IN_BROWSER = {
  noSidewaysScroll: 'document.documentElement.scrollWidth <= window.innerWidth',
  overflowingCards: `[...document.querySelectorAll('.card')]
      .filter((card) => card.scrollWidth > card.clientWidth + 1)
      .map((card) => card.textContent.trim())`,
  chartColours: `(() => {
      const canvas = document.querySelector('canvas[data-chart]')
      if (!canvas) return 0
      const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data
      const colours = new Set()
      for (let i = 0; i < pixels.length; i += 16)
        if (pixels[i + 3] > 0) colours.add(pixels[i] + ',' + pixels[i + 1] + ',' + pixels[i + 2])
      return colours.size
    })()`,
}

/** Screenshots for people to look at (tmp/ is not committed). */
const SHOTS = 'tmp/screenshots'

test.group('Finance screens in the browser', (group) => {
  isolated(group)

  test('the grand livre of 6411, the HR home and its year picker, KPI cards and print', async ({
    visit,
    assert,
  }) => {
    await mkdir(SHOTS, { recursive: true })
    const organisation = await demoOrganisation()
    const user = await makeUser(organisation, ['admin'])
    const page = await visit('/login')
    await page.setViewportSize({ width: 1280, height: 900 })
    await page.getByLabel('Adresse e-mail').fill(user.email)
    await page.getByLabel('Mot de passe').fill(TEST_PASSWORD)
    await page.getByRole('button', { name: 'Se connecter' }).click()
    await page.waitForURL((url) => url.pathname === '/')

    // Grand livre of 6411: one page of 100 lines out of about 2 200 (the advisers' pay split
    // per programme), totals over all of them.
    const [lines] = await inspecting(
      async () =>
        (
          await db.rawQuery(
            `SELECT count(*)::int AS n FROM entry_lines l JOIN entries e ON e.id = l.entry_id
               JOIN fiscal_years f ON f.id = e.fiscal_year_id
              WHERE l.organisation_id = ? AND l.account_number = '6411' AND f.label ILIKE '%2023'`,
            [organisation.id]
          )
        ).rows
    )
    await page.goto('/comptabilite/grand-livre?compte=6411')
    assert.include(await page.locator('h1').textContent(), '6411 Salaires')
    assert.equal(await page.locator('table.data tbody tr').count(), 100)
    assert.include(
      await page.locator('.pagination').textContent(),
      `Page 1 sur ${Math.ceil(lines.n / 100)}`
    )
    const region = page.getByRole('region', { name: /Lignes du compte 6411/ })
    assert.equal(await region.getAttribute('tabindex'), '0')
    // The wide table scrolls inside its box: the page itself does not scroll sideways.
    assert.isTrue(await page.evaluate<boolean>(IN_BROWSER.noSidewaysScroll))
    await page.screenshot({ path: `${SHOTS}/grand-livre-6411.png`, fullPage: true })
    await page.getByLabel('Rechercher').fill('PAIE-2023-03')
    await page.getByRole('button', { name: 'Afficher' }).last().click()
    await page.waitForURL(/q=PAIE-2023-03/)
    assert.include(await page.locator('table.data caption').textContent(), 'PAIE-2023-03')
    assert.isBelow(await page.locator('table.data tbody tr').count(), 101)
    await page.screenshot({ path: `${SHOTS}/grand-livre-6411-recherche.png`, fullPage: true })

    // Printed: letterhead with the date, no navigation; a PDF for people to check the footer.
    await page.emulateMedia({ media: 'print' })
    assert.isTrue(await page.locator('.print-masthead').isVisible())
    assert.include(await page.locator('.print-meta').textContent(), 'Édité le')
    assert.isFalse(await page.locator('.site-header').isVisible())
    const pdf = await page.pdf({ path: `${SHOTS}/grand-livre-6411.pdf`, format: 'A4' })
    // Every printed page: its number out of all, the organisation and the print date.
    const printed = pdfPagesText(pdf)
    assert.isAbove(printed.length, 1)
    const today = formatDate(new Date())
    printed.forEach((text, index) => {
      assert.include(text, `Page ${index + 1} / ${printed.length}`)
      assert.include(text, `${organisation.name} · édité le ${today}`)
    })
    await page.emulateMedia({ media: 'screen' })

    // HR home opens on 2023, the latest year with HR data; the picker moves it to 2022.
    await page.goto('/rh')
    assert.include(await page.locator('h1').textContent(), '2023')
    await page.screenshot({ path: `${SHOTS}/rh-accueil-2023.png`, fullPage: true })
    const picker = page.getByRole('form', { name: 'Choix de l’exercice' })
    await picker.getByLabel('Année').selectOption('2022')
    await picker.getByRole('button', { name: 'Afficher' }).click()
    await page.waitForURL(/annee=2022/)
    assert.include(await page.locator('h1').textContent(), 'Ressources humaines — 2022')
    assert.equal(await page.locator('#annee-choisie').inputValue(), '2022')
    await page.screenshot({ path: `${SHOTS}/rh-accueil-2022.png`, fullPage: true })

    // KPI cards hold their figures, at a laptop's width and a phone's.
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 })
      await page.goto('/financements')
      const overflowing = await page.evaluate<string[]>(IN_BROWSER.overflowingCards)
      assert.deepEqual(overflowing, [], `${width}px`)
      await page
        .locator('.cards')
        .first()
        .screenshot({ path: `${SHOTS}/financements-cartes-${width}.png` })
    }
    await page.setViewportSize({ width: 1280, height: 900 })

    // Charts: women and men told apart by colour and hatching; drawn on the canvas.
    await page.goto('/rh/bilan-social')
    const drawn = await page.evaluate<number>(IN_BROWSER.chartColours)
    assert.isAbove(drawn, 3)
    await page.screenshot({ path: `${SHOTS}/bilan-social.png`, fullPage: true })
    await page.goto('/qualite')
    await page.screenshot({ path: `${SHOTS}/qualite-score-seuil.png`, fullPage: true })

    // Cost per programme of 2023: the demo's programmes carry direct costs.
    await page.goto('/comptabilite/cout-par-dispositif?annee=2023')
    assert.isAbove(await page.locator('tr[data-programme]').count(), 3)
    await page.screenshot({ path: `${SHOTS}/cout-par-dispositif-2023.png`, fullPage: true })
  })
})
