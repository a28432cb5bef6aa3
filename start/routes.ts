import '#start/routes/core'
