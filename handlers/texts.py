"""Every reply the bot sends that is not built from an assessment (those live in bot.render.feedback)."""

from __future__ import annotations

# The privacy notice in brief: what a learner reads before agreeing (the full one is a tap away).
PRIVACY_SUMMARY = (
    "<b>Your privacy</b>: I keep your Telegram id, first name and answers with their scores, "
    "only to give you feedback and show your progress. Nobody else sees them unless you join "
    "an assessor's cohort and agree. /mydata sends you a copy; /deleteme erases it all."
)

WELCOME = (
    "Hello {name}! I'm <b>STAR Coach</b>. I ask the questions an assessor asks in your "
    "professional discussion; you answer with a real example, and I show you how to improve.\n\n"
    + PRIVACY_SUMMARY
    + "\n\nAgree, and your first question comes straight away."
)
WELCOME_BACK = "Welcome back, {name}! Tap below for a question, or send /help to see everything I can do."
ASK_ME_BUTTON = "Ask me a question"
PRIVACY_ASK = "Before we practise, please agree to how I keep your answers.\n\n" + PRIVACY_SUMMARY
PRIVACY_AGREED = "✓ You agreed to the privacy notice (/privacy shows it any time)."
PRIVACY_AGREED_BEFORE = (
    "You agreed to the privacy notice already: nothing more to do. /practice gets a question."
)
FIRST_QUESTION = "Here's your first question, as an assessor would ask it.\n\n{prompt}"
AGREE_BUTTON = "I agree"
DECLINE_BUTTON = "No thanks"
READ_ALL_BUTTON = "Read all"

PRIVACY = (
    "<b>Privacy notice</b>\n\n"
    "<b>What I store:</b> your Telegram user id and first name; the level, sector and time zone "
    "you choose; the answers you submit, the answer you are writing now, and their scores and "
    "feedback; your review schedule by topic and skill; your mock discussions and their reports; "
    "your apprenticeship standard and assessment date if you give them; and, if you set one, your "
    "daily reminder time and when reminders were sent. Voice notes are transcribed on this "
    "machine and the recording is not kept: only the transcript, as part of your answer.\n"
    "<b>Why:</b> to give you feedback and show your progress over time. The lawful basis is "
    "your consent, which you can withdraw at any time.\n"
    "<b>Who sees it:</b> only you, unless you join an assessor's cohort and agree to share.\n"
    "<b>How long:</b> until you delete it: /deleteme erases your record, your answers, the "
    "answer you are writing, your review schedule, mock discussions, reminders and cohort "
    "memberships, at once "
    "and for good.\n"
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
ASK_TIMEZONE = "Which time zone are you in? (Choose “Another” to type a city or a country.)"
ASK_NATION = (
    "Where do you work? The law differs across the UK (in Northern Ireland the Disability "
    "Discrimination Act 1995 still applies, Scotland has its own licensing and information laws), "
    "so I check your answers against the law of your nation."
)
TYPE_TIMEZONE = "Type your city or time zone, for example London, Belfast, Toronto or Asia/Dubai."
TIMEZONE_LEFT = "I took that as part of your answer: the time zone stays {zone} (/settings changes it)."
TIMEZONE_CANCELLED = (
    "OK: the time zone stays {zone} (/settings changes it). Anything you were writing is kept."
)
# Level, sector and nation are asked when the first answer is submitted, before its feedback.
PROFILE_INTRO = "Before I mark it, three quick questions: your answers decide what an assessor expects."
PROFILE_KEPT = (
    "I've added that to your answer ({words} words so far). Before I mark it, tap a button "
    "below, or type your choice (such as <i>level 3</i>, <i>retail</i> or <i>Scotland</i>)."
)
ECHO_LEVEL = "✓ Level {level}"
ECHO_SECTOR = "✓ Sector: {sector}"
ECHO_NATION = "✓ Nation: {nation}"
PROFILE_DONE = "✓ {level}, {sector}, {nation}. Change these any time in /settings.\n{reminder}"
PROFILE_REMINDER_OFF = "Want a nudge each day? /remind 18:30 sets a daily reminder."
PROFILE_REMINDER_ON = "⏰ Daily reminder at {time} {days}: the next comes {next}."
SETTINGS = (
    "<b>Your settings</b>\nLevel: {level}\nSector: {sector}\nTime zone: {timezone}\n"
    "Nation: {nation}\n"
    "Daily reminder: {reminder}\nStandard: {standard}\nAssessment date: {exam}\n\n"
    "Choose what to change:"
)
SETTINGS_SAVED = "✓ Saved: {what}.\n\n"
BACK_BUTTON = "⬅ Back"
CHANGE_TIMEZONE_BUTTON = "Change time zone"
PRIVACY_DECLINED = (
    "No problem: I won't store any answers. I keep only your Telegram id and first name, to "
    "remember that you said no. If you change your mind, send /start."
)
CHOOSE_TOPIC = "What would you like to practise?"
CHOOSE_TOPIC_WITH_WORK = "📌 Your assessor set you work (first below), or choose what to practise."
RETRY_INTRO = "<b>Try again.</b> Answer the same question; I'll show you what changed."
MODEL_ANSWER = "<b>Model answer outline</b>\n{bullets}"
PROGRESS_DETAILS_BUTTON = "Details: topics, skills, Acts"
MY_ANSWERS_BUTTON = "📚 My answers"
STOPPED = "Good work. Send /practice when you're ready for another question."

HELP = (
    "<b>STAR Coach commands</b>\n"
    "/practice: a question to answer\n"
    "/mock: a timed mock discussion and a readiness report\n"
    "/examdate: your assessment day (/examdate 12 March)\n"
    "/done: submit your answer\n"
    "/cancel: drop the answer you are writing\n"
    "/settings: level, sector, nation, time zone\n"
    "/progress: scores, streak, key Acts\n"
    "/answers: your best answers, to revise\n"
    "/remind: a daily reminder (/remind 18:30)\n"
    "/privacy: what I store and why\n"
    "/mydata: a copy of it all\n"
    "/leave: leave an assessor's cohort\n"
    "/deleteme: erase it all\n\n"
    "Answer in one message or several, then press <b>Submit</b> or send /done."
)

CANCELLED = "Cancelled: your answer to that question ({words} words) was not submitted."
NOTHING_TO_CANCEL = "There is nothing to cancel. Send /practice when you are ready."
STALE_BUTTON = (
    "That button belongs to an earlier question, so I did nothing. Send /practice for a new one."
)
STALE_EARLIER = "That button is from an earlier question (“{question}”), so I did nothing. {now}"
STALE_NOW_OPEN = "Your current question is still open: carry on, or /cancel it."
STALE_NOW_NONE = "Tap <b>Next question</b> on the latest feedback, or send /practice."
ANSWER_IN_PROGRESS = (
    "You're writing an answer ({words} words) to “{question}”, so I left it as it is. Press "
    "Submit when it's done, or /cancel it first."
)
DETAILS_EARLIER = "<i>(From an earlier answer: its buttons have closed.)</i>\n\n"
UNKNOWN_BUTTON = "Sorry, I don't recognise that button. Send /help to see what I can do."
NOT_TEXT = "I can read typed answers and voice notes. Please type your answer or record it."
VOICE_HEARD = (
    "🎙 I heard: <i>{heard}</i>\n"
    "Misheard? Tap <b>Replace this part</b> and send the right words, typed or spoken (or reply "
    "to this message with them)."
)
REPLACE_WAITING = (
    "✏️ Send the right words now, typed or as a new voice note. They will replace this part of "
    "your answer:\n<i>{heard}</i>"
)
REPLACE_ALREADY = "I'm already waiting for the words to replace <i>{heard}</i>: send them now."
REPLACE_GONE = (
    "That part is no longer in an answer you're writing (it was submitted, cancelled or replaced "
    "already), so I changed nothing. Nothing you said was lost."
)
REPLACE_KEPT = "OK, I kept what I heard."
REPLACED = "✏️ I put that in place of part {number} of your answer."
REPLACED_LAST = "✏️ I put that in place of the last part of your answer."
REPLACE_MISSED = "That part had been replaced already, so I added this as a new part (nothing is lost)."
VOICE_FAILED = "Sorry, I could not use that recording: {reason} You can type your answer instead."
VOICE_EMPTY = (
    "I could not make out any words in that recording. Try again closer to the microphone, or type it."
)
VOICE_PICK_QUESTION = (
    "🎙 I heard: <i>{heard}</i>\n\n"
    "You have no question open. Pick a topic and this starts your answer to its question."
)
ERROR = (
    "Sorry, something went wrong on my side. What you typed before this is saved; if your last "
    "message is not in your answer, please send it again. Try again in a moment, or send /help."
)
TRUNCATED = "Your answer is very long, so I kept the first part only."
EDIT_APPLIED = "✏️ I've updated message {number} of your answer with your edit."
EDIT_IGNORED = (
    "I saw your edit. Only the messages of the answer you're writing now can be changed, so I "
    "left that one as it was. If it matters, send it again as a new message."
)
EDIT_IN_MOCK = (
    "I saw your edit. In a mock, what you sent stays as you sent it, as words spoken in the real "
    "discussion do; send the correction as a new message and it is added to your answer."
)
EDIT_NOT_A_COMMAND = "Edits don't run commands: send {command} as a new message if you meant it."
CLEANED = "Your message had a character that can't be stored (shown as � or left out); the rest is saved."
SLOW_DOWN_BUTTON = "One moment: that was a lot at once. Tap again in a second."
SLOW_DOWN = (
    "That's a lot of messages at once! I'm still saving what you type, but I'll wait a few "
    "seconds before replying. Send /done when your answer is complete."
)
UNKNOWN_COMMAND = "I don't know that command. Send /help to see what I can do."
UNKNOWN_COMMAND_NEAR = "I don't know that command. Did you mean /{command}? Send /help to see what I can do."

COMMANDS = [
    ("start", "Welcome and privacy notice"),
    ("practice", "Get a question to answer"),
    ("mock", "A timed mock discussion with a report"),
    ("examdate", "Your assessment date: reviews aim at it"),
    ("done", "Submit your answer for feedback"),
    ("cancel", "Drop the answer you are writing"),
    ("settings", "Level, sector and time zone"),
    ("progress", "Your scores, streak and key Acts"),
    ("answers", "Your best answers, to revise from"),
    ("remind", "A daily practice reminder: /remind 18:30"),
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
ANSWERS_FILE_CAPTION = (
    "My answers: every question you have answered, your best answer, its grade, what the coach "
    "found and the model outline. It opens in any browser and prints well."
)
ANSWERS_NOT_FOUND = "I can't find that question in your answers. Send /answers for the list."
MYDATA_ANSWERS_CAPTION = "The same answers, easy to read: {answers}, best answer each, with model outlines."
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
    "Your progress, review schedule, mock discussions, reminders and any cohort memberships go "
    "too. It cannot be "
    "undone: to keep a copy first, send /mydata."
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
# After /deleteme (or before any /start): nothing is stored until the learner starts on purpose.
NOT_STARTED_BUTTON = (
    "Your data was deleted, so this button does nothing now. Send /start to begin again."
)
NOT_STARTED = (
    "I hold nothing about you, so I kept nothing of that (your data was deleted, or you have "
    "not started yet). Send /start to begin."
)
DELETE_STALE = (
    "There's nothing left to delete: everything I stored about you has already been erased. "
    "Send /start if you'd like to begin again."
)

# -- assessors, cohorts and invites (handlers.assessor) -----------------------------------------

ASSESSOR_COMMANDS = [
    ("cohort", "Your cohorts and learners"),
    ("learner", "One learner in full"),
    ("comment", "Comment on a learner's answer"),
    ("setwork", "Set a topic or a question"),
    ("setref", "A learner's full name and ULN for exports"),
    ("export", "CSV and PDF report of your cohorts"),
    ("newcohort", "Create a cohort and its invite link"),
    ("invite", "A cohort's invite link"),
    ("stopinvite", "Stop a cohort's invite link"),
    ("digest", "Your weekly digest: day and time"),
    ("assessorhelp", "Assessor commands and status rules"),
]
ADMIN_COMMANDS = [
    ("grant", "Make a user an assessor"),
    ("revoke", "Withdraw a user's assessor role"),
    ("assessors", "List the assessors"),
    ("assessorlink", "One-time link that makes an assessor"),
]
ASSESSOR_HELP = (
    "<b>Assessor commands</b>\n"
    "/newcohort &lt;name&gt;: create a cohort and get its invite link\n"
    "/invite [cohort]: the invite link (a new one if it expired); add <i>14d</i> for a new link "
    "lasting 14 days, or <i>never</i> for one with no end\n"
    "/stopinvite [cohort]: the link stops working at once (members stay)\n"
    "/cohort [cohort]: each learner's last practice, answers in 7 and 30 days, grade and trend, "
    "weakest area and status\n"
    "/learner &lt;name or #number&gt;: one learner's mastery, recent answers and key Acts\n"
    "/comment A&lt;number&gt; &lt;your words&gt;: comment on one answer (numbers in /learner); the "
    "learner gets it with their answer and can reply once\n"
    "/setwork &lt;learner or all&gt; &lt;topic number or A123&gt; [by 10 Dec]: set work; it comes "
    "first in their /practice and /cohort shows who has done it\n"
    "/setref &lt;learner&gt; &lt;ULN or learner number&gt; [full name]: what the exports file them "
    "under\n"
    "/export [cohort]: the summary and every answer as evidence (CSV), and a PDF report\n"
    "/digest &lt;day&gt; &lt;HH:MM&gt; or /digest off: your weekly digest (Mondays 08:00 to start)\n\n"
    "<b>Status</b> 🔴 not practised yet, no practice for 14 days, or the last 3 answers average "
    "below the pass mark and not rising. 🟠 no practice for 7 days, below the pass mark but "
    "rising, or scores falling on a topic. 🟢 everything else. No average before 3 answers and "
    "no trend before 4 answers on one topic.\n"
    "You only ever see learners who joined your cohorts, and their answer texts only if they "
    "chose to share them."
)
SETREF_USAGE = (
    "Set what your exports file a learner under: their ULN or learner number, and their full name:\n"
    "<code>/setref Lee 1234567890 Lee Jordan Smith</code>\n"
    "<code>/setref #6 LN-0042</code> (a new number; the full name set before stays)\n"
    "Only you see it; nothing is guessed, so a learner without one shows \"not set\"."
)
SETREF_DONE = "Saved: {name} (#{id}) is filed as {full} · {ref}. /export uses it."
SETWORK_USAGE = (
    "Set work for one learner or everyone in your cohorts:\n"
    "<code>/setwork Lee 2</code>: a question on topic 2\n"
    "<code>/setwork all 3 by 10 Dec</code>: topic 3 for everyone, due 10 December\n"
    "<code>/setwork #6 A123</code>: the question of answer A123 again (numbers in /learner)\n\n"
    "Topics:\n{topics}"
)
SETWORK_DONE = (
    "📌 Set {what}{due} for {names}. It comes first in their /practice; /cohort shows who has done it."
)
SETWORK_TO_LEARNER = "📌 <b>{assessor} set you work</b>: {what}{due}. It is also first in /practice."
COMMENT_SENT = "Sent to {name} (#{id}) with their answer. They can reply once; the reply comes here."
COMMENT_NOT_DELIVERED = (
    "Saved with the answer (it shows in /learner), but Telegram would not deliver it to {name} "
    "now: they may have stopped the bot."
)
COMMENT_TO_LEARNER = (
    "💬 <b>{assessor} commented on your answer</b>\n"
    "<i>{question}</i>\n{when} · {grade}\n\nYou wrote: “{answer}”\n\n{comment}"
)
COMMENT_REPLY_PROMPT = "Type your reply to {assessor} as one message (you can reply once)."
COMMENT_REPLY_SAVED = "Thanks: your reply is with {assessor}."
COMMENT_REPLY_TO_ASSESSOR = "↩️ <b>{name}</b> (#{id}) replied to your comment on A{ref}:\n\n{reply}"
ADMIN_HELP = (
    "\n\n<b>Operator commands</b>\n"
    "/grant &lt;user id&gt;: make someone who has started the bot an assessor (or reply "
    "/grant to a message forwarded from them)\n"
    "/revoke &lt;user id&gt;: withdraw the role\n"
    "/assessors: who holds it\n"
    "/assessorlink: a one-time link that makes whoever opens it an assessor"
)
ASSESSOR_WELCOME = "<b>You are now an assessor on STAR Coach.</b>\n\n" + ASSESSOR_HELP
ASSESSOR_REVOKED_NOTE = (
    "Your assessor access to STAR Coach has been withdrawn by an operator. Your own practice "
    "is unchanged."
)
REVOKE_USAGE = "Send /revoke followed by the assessor's Telegram user id (see /assessors)."
GRANTED = "Done: {name} is now an assessor. I've told them and given them the assessor commands."
GRANTED_ALREADY = "{name} is already an assessor."
REVOKED = (
    "{name} is no longer an assessor. Their cohorts are kept but hidden from them, and their "
    "invite links stop working; granting the role again brings them back."
)
ASSESSORS = "<b>Assessors</b>\n{lines}"
NO_ASSESSORS = "Nobody is an assessor yet. /grant or /assessorlink makes one."
ASSESSOR_LINK = (
    "A one-time assessor link, valid until {expires}. Whoever opens it first becomes an "
    "assessor, so send it only to that person:\n{link}"
)
NEW_COHORT = (
    "Cohort <b>{name}</b> created.\n\nSend your learners this link, valid until {expires}. Each "
    "of them sees exactly what you will see, and agrees, before joining:\n{link}\n\n"
    "/cohort shows who has joined; /stopinvite stops the link."
)
INVITE_LINK = "Invite link for <b>{name}</b>, {validity}:\n{link}"
INVITE_UNTIL = "valid until {expires}"
INVITE_FOREVER = "with no end date"
INVITE_STOPPED = (
    "The invite link for <b>{name}</b> no longer works; its members stay. /invite makes a new one."
)
LEARNER_USAGE = "Send /learner followed by a name or number from /cohort, for example /learner 12."
EXPORT_CAPTION_CSV = "Cohort summary as CSV, one row a learner ({count})."
EXPORT_CAPTION_EVIDENCE = (
    "Evidence as CSV, one row an answer ({count}): question, date, grade, marking points with the "
    "learner's words, standard areas, comments. Columns: docs/assessors.md."
)
EXPORT_CAPTION_PDF = (
    "Cohort report as PDF: each cohort, then each learner with every answer as evidence."
)
DIGEST_SET = "Your weekly digest comes on {day}s at {time} ({tz}); the next one on {next}."
DIGEST_OFF = "Your weekly digest is off. /digest mon 08:00 switches it on again."
DIGEST_NOW = "Your weekly digest: {state}. Change it with /digest fri 16:30, or /digest off."

INVITE_WELCOME = (
    "Hello {name}! You've opened an invite to join an assessor's group on <b>STAR Coach</b>, "
    "where you rehearse your professional discussion.\n\n"
    + PRIVACY_SUMMARY
    + "\n\nAgree, and I'll show you exactly what joining shares."
)
COHORT_CONSENT = (
    "<b>Join “{cohort}”?</b>\n"
    "{assessor} (your assessor or tutor) invited you. If you join, they will see:\n"
    "• your first name, and when and how often you practise\n"
    "• your scores, grades and how they change\n"
    "• your mastery by topic and skill, and which key Acts you have named\n"
    "This covers all your practice, before and after joining.\n\n"
    "<b>Your answer texts</b> are shared only if you choose “Join and share my answers”.\n"
    "You can leave at any time with /leave; they then see nothing more."
)
JOIN_SUMMARIES_BUTTON = "Join, summaries only"
JOIN_ANSWERS_BUTTON = "Join and share my answers"
JOIN_NO_BUTTON = "Not now"
JOINED = "You've joined <b>{cohort}</b>. {shared} Leave any time with /leave."
JOINED_AGAIN = "You're already in <b>{cohort}</b>; I've updated what you share. {shared}"
SHARED_SUMMARIES = "Your assessor sees your practice summaries, not your answer texts."
SHARED_ANSWERS = "Your assessor sees your practice summaries and your answer texts."
JOIN_DECLINED = "No problem: you have not joined. If you change your mind, open the link again."
LEAVE_NONE = "You're not in any cohort."
LEAVE_WHICH = "Which cohort do you want to leave?"
LEFT = "You've left <b>{cohort}</b>: its assessor no longer sees your practice."
LEAVE_STALE = "You're not in that cohort any more."

# -- daily reminders (handlers.reminders) -------------------------------------------------------

REMIND_EXAMPLE = (
    "For example: <code>/remind 18:30</code> for every day at 18:30 your time, "
    "<code>/remind 7:15am weekdays</code>, or <code>/remind off</code> to stop."
)
REMIND_HOW = (
    "I can remind you to practise at the same time every day, in your time zone ({timezone}).\n"
    + REMIND_EXAMPLE
)
REMIND_BAD_RANGE = (
    "There's no “{given}” on the clock: hours go from 00 to 23 and minutes from 00 to 59. "
    + REMIND_EXAMPLE
)
REMIND_BAD_FORMAT = "I need a time of day such as 18:30, and “{given}” isn't one. " + REMIND_EXAMPLE
REMIND_BAD_DAYS = (
    "I didn't understand the days “{given}”. After the time you can write <i>weekdays</i>, "
    "<i>weekends</i>, <i>daily</i> or day names such as <i>mon wed fri</i>. " + REMIND_EXAMPLE
)
REMIND_SET = (
    "⏰ Done: I'll remind you at <b>{time}</b> {days} ({timezone}). The first reminder comes "
    "{next}.\n/remind off stops it; /settings changes the time or the days.\n"
    "Not in {timezone}? Tap <b>Change time zone</b>."
)
REMIND_STATUS_ON = (
    "⏰ Your daily reminder: <b>{time}</b> {days} ({timezone}). The next one comes {next}."
)
REMIND_STATUS_OFF = "Your daily reminder is off."
REMIND_SKIPPED_TODAY = " (not today: you've already practised today, and a day you practise gets no nudge)"
REMIND_STATUS_BLOCKED = (
    "Your daily reminder is off: Telegram told me you had blocked me, so I stopped sending."
)
REMIND_OFF = "Reminders are off: I won't nudge you. /remind 18:30 (or any time) turns them on again."
REMIND_NOTHING_TO_RESUME = "You haven't set a reminder time yet. " + REMIND_EXAMPLE
REMIND_MENU = "{status}\n\nChoose a time, or send /remind with any time, such as /remind 18:45."
REMIND_DAYS = "On which days? Tap to switch a day on or off. ({time}, {timezone})"
REMIND_SNOOZED = "Snoozed: I'll remind you again at {time}."
REMIND_NOT_TODAY = "No problem, nothing more today. Your next reminder comes {next}."
REMIND_NOT_TODAY_OFF = "No problem, nothing more today."
REMIND_STALE = (
    "That reminder is from earlier, so there's nothing to snooze or skip. /practice gets you a "
    "question any time."
)
SETTINGS_REMINDER_OFF = "off (/remind 18:30 sets one)"
SETTINGS_REMINDER_ON = "{time} {days}"
