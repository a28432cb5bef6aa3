import { JournalSequenceSchema } from '#database/schema'

/** Last number given in one journal and fiscal year; locked FOR UPDATE by each validation. */
export default class JournalSequence extends JournalSequenceSchema {}
