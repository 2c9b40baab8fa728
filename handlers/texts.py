"""Every reply the bot sends that is not built from an assessment (those live in bot.feedback)."""

from __future__ import annotations

WELCOME = (
    "Hello {name}! I'm <b>STAR Coach</b>. I help you rehearse the professional discussion of "
    "your customer service assessment.\n\n"
    "I ask the kind of question an assessor asks. You answer with a real example in STAR form "
    "(Situation, Task, Action, Result), naming the laws, policies and regulators that shaped what "
    "you did. I tell you what you named, what was missing and how to improve.\n\n"
    "Send /practice to get your first question, or /help to see everything I can do."
)

PRIVACY_SHORT = (
    "<b>Your privacy</b>\n"
    "I store your Telegram id and first name, your answers and their scores, so that you can "
    "see your progress. Nothing is shared with anyone unless you join an assessor's cohort and "
    "agree. /mydata sends you a copy of it all, /deleteme erases it, and /privacy has the details."
)

PRIVACY = (
    "<b>Privacy notice</b>\n\n"
    "<b>What I store:</b> your Telegram user id and first name; the level, sector and time zone "
    "you choose; the answers you submit, the answer you are writing now, and their scores and "
    "feedback.\n"
    "<b>Why:</b> to give you feedback and show your progress over time. The lawful basis is "
    "your consent, which you can withdraw at any time.\n"
    "<b>Who sees it:</b> only you, unless you join an assessor's cohort and agree to share.\n"
    "<b>How long:</b> until you delete it: /deleteme erases your record, your answers and the "
    "answer you are writing, at once and for good.\n"
    "<b>Your rights:</b> under the UK GDPR you may see, correct or erase your data. /mydata sends "
    "you a copy of everything I store about you as a file; /settings corrects your level, sector "
    "and time zone; /deleteme erases it all. For anything else ask the operator of this bot; if "
    "you are unhappy with the answer you can complain to the Information Commissioner's Office "
    "(ico.org.uk)."
)

ASK_LEVEL = "Which level is your apprenticeship or qualification?"
ASK_SECTOR = (
    "Which sector do you work in? It decides which regulators an assessor expects you to know "
    "(the FCA for banking, Ofgem for energy, ...)."
)
ASK_TIMEZONE = "Which time zone are you in? (Choose “Another” to type any, such as America/Toronto.)"
TYPE_TIMEZONE = "Type your time zone, for example Europe/London or Asia/Dubai."
ALL_SET = (
    "You're all set: {level}, {sector}, time zone {timezone}. Change these any time with "
    "/settings.\n\nSend /practice for a question."
)
SETTINGS = (
    "<b>Your settings</b>\nLevel: {level}\nSector: {sector}\nTime zone: {timezone}\n\n"
    "Choose what to change:"
)
PRIVACY_DECLINED = (
    "No problem: I won't store any answers. I keep only your Telegram id and first name, to "
    "remember that you said no. If you change your mind, send /start."
)
NEEDS_CONSENT = "Before we practise, please read the privacy notice and say whether you agree."
CHOOSE_TOPIC = "What would you like to practise?"
RETRY_INTRO = "<b>Try again.</b> Answer the same question; I'll show you what changed."
PROBE_INTRO = "<b>The assessor asks:</b> {probe}\n\n<i>Type your reply and press Submit, or choose below.</i>"
MODEL_ANSWER = "<b>Model answer outline</b>\n{bullets}"
STOPPED = "Good work. Send /practice when you're ready for another question."

HELP = (
    "<b>STAR Coach commands</b>\n"
    "/practice: choose a topic and get a question\n"
    "/done: submit your answer for feedback\n"
    "/cancel: drop the answer you are writing\n"
    "/settings: your level, sector and time zone\n"
    "/progress: your scores, streak and the key Acts you have named\n"
    "/privacy: what I store and why\n"
    "/mydata: a copy of everything I store about you\n"
    "/deleteme: erase everything I store about you\n"
    "/help: this list\n\n"
    "Answer in one message or several; press <b>Submit</b> or send /done when you have finished."
)

NO_DRAFT = "You have no question open. Send /practice to get one."
CANCELLED = "Cancelled: your answer to that question ({words} words) was not submitted."
NOTHING_TO_CANCEL = "There is nothing to cancel. Send /practice when you are ready."
STALE_BUTTON = "That button belongs to an earlier question. Send /practice for a new one."
UNKNOWN_BUTTON = "Sorry, I don't recognise that button. Send /help to see what I can do."
NOT_TEXT = "I can only read typed answers. Please type your answer as text."
ERROR = (
    "Sorry, something went wrong on my side. Nothing you typed has been lost: "
    "try again in a moment, or send /help."
)
TRUNCATED = "Your answer is very long, so I kept the first part only."
SLOW_DOWN = (
    "That's a lot of messages at once! I'm still saving what you type, but I'll wait a few "
    "seconds before replying. Send /done when your answer is complete."
)
UNKNOWN_COMMAND = "I don't know that command. Send /help to see what I can do."
SUBMITTING_EMPTY = "Your answer is empty so far: type it, then press Submit or send /done."

COMMANDS = [
    ("start", "Welcome and privacy notice"),
    ("practice", "Get a question to answer"),
    ("done", "Submit your answer for feedback"),
    ("cancel", "Drop the answer you are writing"),
    ("settings", "Level, sector and time zone"),
    ("progress", "Your scores, streak and key Acts"),
    ("privacy", "What is stored and why"),
    ("mydata", "A copy of everything stored about you"),
    ("deleteme", "Erase everything stored about you"),
    ("help", "What I can do"),
]

# -- /progress, /mydata, /deleteme (handlers.progress, handlers.privacy) -------------------------

PROGRESS_CHART = (
    "Scores of {answers}, oldest on the left. The dashed lines mark a Pass ({pass_mark}) "
    "and a Distinction ({distinction})."
)
NOTHING_STORED = (
    "I don't hold anything about you: there is nothing to send or erase. "
    "Send /start if you'd like to begin."
)
MYDATA_CAPTION = (
    "Everything I store about you, as JSON: your record, {answers}, and any answer you are "
    "writing. /deleteme erases it all."
)
ANSWERS_NONE = "no submitted answers yet"
ANSWERS_ONE = "your answer and its feedback"
ANSWERS_MANY = "your {n} answers and their feedback"
DELETE_CONFIRM = (
    "<b>Delete everything?</b>\n"
    "This erases:\n"
    "• your record (Telegram id, first name, level, sector and time zone)\n"
    "{items}"
    "Your progress goes too. It cannot be undone: to keep a copy first, send /mydata."
)
DELETE_ANSWERS_ONE = "• the answer you submitted, with its score and feedback\n"
DELETE_ANSWERS_MANY = "• the {n} answers you submitted, with their scores and feedback\n"
DELETE_DRAFT = "• the answer you are writing now\n"
DELETE_YES_BUTTON = "Yes, delete everything"
DELETE_NO_BUTTON = "No, keep it"
DELETE_KEPT = "Nothing was deleted: your answers and progress are still here."
DELETED = (
    "Done: I have erased everything I stored about you. Send /start if you ever want to "
    "begin again."
)
DELETE_STALE = (
    "There's nothing left to delete: everything I stored about you has already been erased. "
    "Send /start if you'd like to begin again."
)
