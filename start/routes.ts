import '#start/routes/core'
import '#start/routes/grants'
