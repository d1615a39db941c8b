# The bot's own words in Discord (and the verdict line every face shows). Guide text is never
# here: passages, headings and titles are quoted as the guides write them.
# Arguments are { $name }; numbers choose plural forms with [one] / *[other].

## Shared pieces

sources = Sources
and-more = … and { $count } more
field-more = { $name } (more)
unknown-time = unknown
footer-built = Index built { $built }
footer-from = From: { $guides } · index built { $built }
guides-count = { $count ->
    [one] { $count } guide
   *[other] { $count } guides
}
passages-count = { $count ->
    [one] { $count } passage
   *[other] { $count } passages
}
list-or = { $rest } or { $last }
duration-seconds = { $count ->
    [one] { $count } second
   *[other] { $count } seconds
}
duration-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}
duration-hours = { $count ->
    [one] { $count } hour
   *[other] { $count } hours
}
duration-days = { $count ->
    [one] { $count } day
   *[other] { $count } days
}
sorry = Sorry: { $reason }.

## Amounts and times the guides give (the amounts and numbers as written; the words here)

amount-per-month = /month
amount-per-hour = /hour
amount-per-week = /week
amount-per-day = /day
# A time span: $shape is "range" ($low–$high), "open" ($low and more) or "one" ($low alone,
# whose plural $count picks).
duration-years = { $shape ->
    [range] { $low }–{ $high } years
    [open] { $low }+ years
   *[one] { $count ->
        [one] { $low } year
       *[other] { $low } years
    }
}
duration-months = { $shape ->
    [range] { $low }–{ $high } months
    [open] { $low }+ months
   *[one] { $count ->
        [one] { $low } month
       *[other] { $low } months
    }
}
duration-weeks = { $shape ->
    [range] { $low }–{ $high } weeks
    [open] { $low }+ weeks
   *[one] { $count ->
        [one] { $low } week
       *[other] { $low } weeks
    }
}
time-of-experience = { $time } of experience
time-to-qualify = { $time } to qualify
time-not-given = no time given

## Errors every command may meet

cooldown = Easy there: you can { $again } in { $seconds } s.
unknown-command = I don't know the command /{ $name }. Try /help.
failed = Sorry, something went wrong on my side. The team can see it in the logs; please try again in a moment.
unreadable = Sorry, I could not read that interaction.
busy = I'm busy with other requests right now and could not do this one; please try again in a minute.
no-token = I can't finish this here: it completes through Discord's API, and this server has no bot token configured (DISCORD_TOKEN). Please tell the bot's operator.
no-token-unpin = The message itself stays pinned in the channel: this server has no bot token to unpin it (DISCORD_TOKEN).
unknown-level = Unknown level { $given }: choose { $choices }.
unknown-skills-level = Unknown level { $given }.
unknown-topic = Unknown topic { $given }.
unknown-stage = Unknown stage { $given }.
unknown-focus = Unknown focus { $given }.

## /ask and its buttons

ask-empty = Please type a question, e.g. “How much does a junior back-end developer earn?”
ask-duplicate = This was asked here { $ago } ago — see the answer: { $link }
ask-for-you = { $asker } asked this for you:
ask-from-career = *From the { $career } guides.*
ask-pinned = 📌 **Moderator-pinned answer** (pinned by { $by }):
ask-unsaved = ⚠️ I couldn't save this answer (the bot's database is failing right now), so it has no buttons: paging, sources, votes and pinning need it saved. The answer above is complete.
weak-not-in-library = Ask about one of those careers, or an admin can add a guide with /sources add.
weak-closest = { $line }
    The closest guides are:
    { $guides }

    Try other words, or ask about salaries, skills, the career roadmap, interviews or remote work.
sources-none = This answer cites no passage.
button-more = More results
button-sources = Sources
button-pin = 📌 Pin
button-dismiss = Dismiss
button-unknown = This button is no longer supported; ask again with /ask.
answer-gone = This answer is too old or was removed; ask again with /ask.
more-not-asker = Only the person who asked can page through this answer. Ask your own with /ask!
more-last-page = That is as far as one answer goes ({ $pages } pages). Try asking more precisely.
more-none = No more passages match this question.
vote-up = Thanks! Glad it helped.
vote-down = Thanks — noted. Moderators review answers voted down to find what the guides are missing.
vote-gone = This answer is too old or was removed, so your vote was not counted.
vote-failed = Sorry, I couldn't record your vote: the bot's database is failing right now. Please try again later.
dismiss-not-allowed = Only the person who asked, or a moderator, can dismiss this answer.
dismiss-no-message = There is no message to dismiss.
pin-not-moderator = Only moderators can pin answers. If this one helped you, 👍 it!
pin-not-in-guild = Answers can only be pinned in a server channel.
pin-gone = This answer is too old or was removed, so it cannot be pinned. Ask again with /ask and pin the new answer.
pin-not-recorded = Could not pin this answer: the bot's database could not record it ({ $error }). Nothing was pinned; please try again later.
pin-in-progress = This answer is already being pinned (by another moderator, or a pin that was interrupted is being checked). Try again in a minute.
pin-too-many = This channel already has the maximum of 250 pinned messages. Unpin some (or use /pins remove), then try again.
pin-failed = Could not pin this answer: { $error }. Does the bot have the Pin Messages permission here?
pin-text-not-saved = The message is pinned (it already was), but its new text could not be saved ({ $error }): later questions keep showing the text pinned before.
pin-undone = Could not record the pin ({ $error }), so I unpinned the message again: nothing changed. Please try again later.
pin-not-undone = Could not record the pin ({ $error }), and unpinning the message again failed too ({ $unpin_error }): it may stay pinned until the bot settles its records with Discord, within minutes of its database recovering.
pin-done = 📌 Pinned. Later questions like this one will show this answer first, marked as moderator-pinned.

## Why the guides do not answer (the engine's verdict; the CLI prints the same line)

verdict-weak-match = I could not find a good answer to this in the guides, so I won't make one up.
verdict-not-in-library = The guides don't cover { $role }. They cover: { $careers }.
verdict-off-topic = This doesn't look like a career question, and the guides don't cover it: ask about pay, skills, jobs, interviews, education or the career roadmap.
verdict-other-country = The guides never mention { $country }, so they can't say how it is there.
verdict-unmentioned = The { $career } guides never mention { $missing }, so they can't answer this.

## /salary

salary-summary = { $level }: { $range } · median { $median } · { $guides ->
    [one] { $guides } guide
   *[other] { $guides } guides
}
note-location = Location
note-remote = Remote work
note-top-end = Top end
note-drivers = What drives pay
note-compensation = Pay structure
note-contract = Contract rates
note-median = National figures
salary-notes = What the guides add
salary-none-career = The guides about { $career } give no salary figures for this level.
salary-none = The guides give no salary figures for this level.
salary-about-careers-chart = Pay as each guide states it, in { $currencies } (never converted; per year unless marked), career by career; each summary spans that career's guides. The chart sets the careers side by side by level (yearly figures in one currency only).
salary-about-careers = Pay as each guide states it, in { $currencies } (never converted; per year unless marked), career by career; each summary spans that career's guides.
salary-about = Pay as each guide states it, in { $currencies } (never converted; per year unless marked); the summary spans all its guides.
salary-subject-career = { $career } salaries
salary-subject = Salaries
salary-subject-careers = Salaries by career
salary-title-level = 💰 { $subject } — { $level }
salary-title = 💰 { $subject } by level
salary-failed = Sorry, the salary answer could not be built; the team can see why in the logs.

## /skills

skills-best = Best passages
skills-level-none = The guides say nothing specific about this level.
skills-level = Expected at the { $level } level
skills-none = The guides name no skills for this topic.
skills-title-career = 🧰 Skills — { $topic } · { $career }
skills-title = 🧰 Skills — { $topic }

## /roadmap

roadmap-before-first-job = before the first job
roadmap-getting-qualified = Getting qualified
# A timeline bar's stage, in brackets: its short id.
roadmap-bar-stage = { $id }
roadmap-stages = Stages
roadmap-first-steps = First steps
roadmap-others = Other careers with a timeline
roadmap-others-how = { $careers } — use `/roadmap career:` to see one.
roadmap-subject = Career roadmap
roadmap-subject-career = { $career } roadmap
roadmap-timeline-about = The timeline is drawn from the guides' own stages and times: each bar starts at the earliest year they allow, its light tail shows how much longer it may take. Choose a part in the menu below for more.
roadmap-no-stages-career = The guides give no career stages for { $career }. Choose a part in the menu below for what they do say.
roadmap-no-stages = The guides give no career stages. Choose a part in the menu below for what they do say.
roadmap-roles = Roles: { $roles }
roadmap-steps = Steps
roadmap-tips = Tips
roadmap-lateral = Lateral moves
roadmap-part-none = The guides say nothing about this.
roadmap-part-progression = Stages, times and roles as the guides describe them.
roadmap-part-learning = The path the guides lay out, step by step, and their tips.
roadmap-part-interviews = What the guides say interviews include, and how to prepare.
roadmap-part-portfolio = What the guides say a portfolio and resume should show.
roadmap-failed = Sorry, the roadmap could not be built; the team can see why in the logs.
item-format = Format
item-round = Round
item-evaluated = Evaluated
item-pitfall = Pitfall
item-advice = Advice
item-include = Include
item-example-project = Example project
item-resume = Resume
menu-progression = Every stage in the guides' words, and lateral moves
menu-learning = The step-by-step path and tips
menu-interviews = What interviews include, and how to prepare
menu-portfolio = What a portfolio and resume should show
menu-all = Everything
menu-placeholder = More of this roadmap: choose a part
menu-unknown = This menu is not one I know (it may be from an older version of the bot); run /roadmap again.
menu-career-gone = The career this menu was for is no longer in the library; run /roadmap again.
menu-choose-one = Choose one part of the roadmap in the menu: career progression, learning path, interviews or portfolio.

## /help and /status

help-title = careerbot — career answers from the guides, always cited
help-ask = **/ask** a question in your own words: the best passages of the guides, each with its citation [n].
help-answers = **/salary** figures by level from each guide, with a chart · **/skills** by topic · **/roadmap** a career's timeline, then its learning path, interviews and portfolio from the menu under it
help-pins = **/pins** answers moderators pinned · **/status** what the bot knows
help-career = Answers come from the career you name (the `career` option, or in your question), else the server's default (admins: **/settings career**), else every career.
help-buttons = Buttons under answers: More results, Sources, 📌 Pin (moderators), 👍/👎, Dismiss, Follow up (a follow-up question, answered in a thread with the conversation's career and level).
help-honest = Every answer quotes the guides below; when they do not cover a question, the bot says so instead of guessing.
help-guides = Guides ({ $count })
status-title = careerbot status
status-ready = Ready.
status-reindexing = A reindex is running.
status-careers = Careers ({ $count })
status-guides = Guides
status-passages = Passages
status-index-age = Index age
status-uptime = Uptime
status-served = Interactions served
status-version = Version
status-library = Library
status-library-version = version { $version } (shared through the database)
status-library-failed = ⚠️ version { $version } failed here: { $reason }. The previous version keeps answering.

## /pins and /gaps

unpin-not-moderator = Only moderators can unpin answers.
unpin-pick = Pick a pinned answer from the list.
unpin-done = Unpinned “{ $question }”.
unpin-gone = That pinned answer no longer exists.
pins-line = pinned by { $by } { $at }
pins-none = No answers are pinned yet. Moderators pin an answer with its 📌 button.
pins-title = 📌 Pinned answers
gaps-last = last { $at }
gaps-unanswered-latest = Questions without a good answer (the latest { $count } of 30 days)
gaps-unanswered = Questions without a good answer (30 days)
gaps-none = None.
gaps-downvoted = Answers voted down
gaps-title = Gaps in the guides
gaps-about = What members ask that the guides do not answer well — candidates for a new guide.

## /sources and /reindex (admins)

reindex-running = A reindex is already running; its message will show the outcome.
reindex-progress = ⏳ Reindexing… { $done }/{ $total } guides read, { $passages } passages so far.
reindex-failed = ❌ The reindex failed: { $error }
    The previous index is still answering questions.
reindex-none = none
reindex-time = Time
reindex-added = Added
reindex-removed = Removed
reindex-changed = Changed
reindex-skipped = Skipped
reindex-done = ✅ Reindex done
reindex-done-about = The new index is answering questions now.
sources-attach = Attach the guide file (.txt, .md or .html).
sources-refused = Refused: { $why }.
sources-too-big = Refused: { $file } is { $kb } KB; guides can be at most 1 MB.
sources-exists = A guide named { $file } already exists. Add it again with replace:true to replace it.
sources-add-reindexing = A reindex is running; add the guide when it is done.
sources-career-unknown = Sorry: { $reason }; or write the new career's full name.
sources-no-such-guide = There is no guide named { $file }.
sources-remove-reindexing = A reindex is running; remove the guide when it is done.
sources-skipped = skipped: { $reason }
sources-title = Guides ({ $count })
sources-download-failed = ❌ Could not download { $file }: { $error }.
sources-added = ✅ { $file } added ({ $passages } passages) by { $by }.
sources-added-career = ✅ { $file } added ({ $passages } passages, about { $career }) by { $by }.
sources-add-refused = ❌ Refused { $file }: { $why }
sources-removed = 🗑️ { $file } removed by { $by } (a copy is kept on the server).
sources-remove-failed = ❌ Could not remove { $file }: { $why }

## /settings

settings-none-choice = none (every career)
settings-unknown = There is no setting { $name }; try /settings career.
settings-shown = This server's default career is **{ $career }**: /ask, /salary, /skills and /roadmap answer from its guides when a member names no career. Change it with `/settings career name:…`, or clear it with `name:none`.
settings-shown-uncovered = This server's default career is **{ $career }**, but no guide covers it now, so answers cover every career. The guides cover: { $covered }.
settings-shown-none = This server has no default career: answers cover every career the guides cover ({ $covered }). Set one with `/settings career name:…`.
settings-cleared = Done: this server has no default career now; answers cover every career the guides cover ({ $covered }).
settings-set = Done: **{ $career }** is this server's default career. /ask, /salary, /skills and /roadmap answer from its guides when a member names no career (a career option, or a question naming one, still wins).

## /ask's structured card (and the CLI's, in English) and /pins

card-read-as = Read as: { $career } { $intent }
card-read-as-level = Read as: { $career } { $intent }, { $level }
card-every-level = { $line } (the guides say nothing for that level: every level shown)
card-intent-salary = salary
card-intent-skills = skills
card-intent-skills-topic = skills: { $topic }
card-intent-roadmap = roadmap
card-level-entry = entry level
card-level-mid = mid level
card-level-senior = senior
card-level-lead = lead / principal
card-level-overall = overall
# A comparison's careers whose guides hold nothing of what it asks for (no card for them).
card-none-salary = The guides about { $careers } give no pay figures, so there is no card for { $count ->
    [one] it
   *[other] them
}.
card-none-skills = The guides about { $careers } name no skills, so there is no card for { $count ->
    [one] it
   *[other] them
}.
card-none-roadmap = The guides about { $careers } describe no career stages, so there is no card for { $count ->
    [one] it
   *[other] them
}.
# Careers named together: "A, B and C".
card-careers-and = { $list } and { $last }
# Below a card that had no room for some parts of its answer (levels, stages).
card-left-out = … { $count } more not shown here
# Careers named after the first $max, which got a card each.
card-past-limit = Only the first { $max } careers named get a card, so there is none for { $careers }.
# A follow-up's "read as" line: the career and what is asked for (then level, topic).
read-as-career-intent = { $career } { $intent }
pins-sources-changed = ⚠ sources changed
## Follow-ups in a thread

button-follow = Follow up
follow-no-threads = Follow-ups continue in a thread under the answer, and I can only start threads in a server's channels. Ask again with /ask here.
follow-missing-permissions = I can't continue this in a thread: I need the **Create Public Threads** and **Send Messages in Threads** permissions in this channel. A server admin can grant them; meanwhile, ask again with /ask.
follow-unsaved = I couldn't save this follow-up (the bot's database is failing right now), so I didn't post it. Please try again in a moment.
follow-form-unknown = That form is not one of mine; ask again with /ask.
follow-empty = Please type a follow-up question, e.g. “and for seniors?”
follow-too-long = Please keep a follow-up under { $max } characters.
follow-again = follow up
follow-modal-title = Follow up
follow-modal-label = Your follow-up question
follow-modal-placeholder = e.g. and for seniors? (read with the career and level asked before)
follow-asked = { $asker } asked: “{ $question }”
follow-read-as = **Read as:** { $read }
follow-read-as-carried = **Read as:** { $read } _(carried from earlier: { $carried })_
follow-carried-career = career
follow-carried-level = level
follow-carried-intent = intent
follow-carried-topic = topic
follow-answered = Answered in the thread <#{ $thread }>.
follow-refused-thread = Sorry, I couldn't start a thread for this follow-up (Discord said: { $error }). Please try again, or ask with /ask.
follow-refused-post = Sorry, I couldn't post in the thread for this follow-up (Discord said: { $error }). Please try again, or ask with /ask.

## "Ask careerbot" (a message's Apps menu) and its "Post publicly"

help-ask-message = On a message, Apps → **Ask careerbot** answers it (privately, with a button to post the answer).
ask-message-none = This command answers a message: use it from a message's Apps menu.
ask-message-no-text = That message has no text I can answer (only images, embeds, attachments or mentions). Use /ask with your question in words.
ask-message-answering = Answering this message: { $link }
button-post = Post publicly
post-not-asker = Only the person who asked can post this answer.
post-not-postable = This answer cannot be posted; ask again with /ask.
post-failed = Sorry, I couldn't post this answer: the bot's database is failing right now. Please try again later.
post-already = This answer is already posted in the channel.

## /sources add url:

sources-added-link = Its citations link to <{ $link }>.
sources-url-refused = Refused: { $why }. Give the page's full address, e.g. https://example.org/guide.
