import '#start/routes/core'
import '#start/routes/grants'
import '#start/routes/governance'
import '#start/routes/quality'
