# Slash commands as Discord registers them: each message is a description (1-100 characters)
# and its .name the command's, subcommand's or option's name in this language (lowercase,
# 1-32 characters, no spaces). English names are the ones in the code.

cmd-ask = Ask a career question; the answer quotes the guides, with citations.
    .name = ask
opt-ask-question = Your question, in your own words.
    .name = question
opt-ask-hide = Only you see the answer.
    .name = hide
opt-ask-mention = Point the answer at this member (the only one pinged).
    .name = mention
opt-career = Which career (default: the one asked about, else the server's, else every career).
    .name = career

cmd-salary = Salary figures by level from each guide, with a summary and a chart.
    .name = salary
opt-salary-level = Which level (default: all).
    .name = level

cmd-skills = The skills the guides name for a topic, most cited first.
    .name = skills
opt-skills-topic = Which skills (default: all).
    .name = topic
opt-skills-level = Also show what the guides expect at this level.
    .name = level

cmd-roadmap = A career's timeline and stages; the learning path, interviews and portfolio in a menu.
    .name = roadmap
opt-roadmap-stage = One stage (default: all).
    .name = stage
opt-roadmap-focus = One part of the roadmap (default: the timeline).
    .name = focus

cmd-help = What this bot can do and where its answers come from.
    .name = help
cmd-status = Careers, guides, passages, index age, uptime and version.
    .name = status

cmd-pins = Moderator-pinned answers of this server.
    .name = pins
sub-pins-list = List the pinned answers.
    .name = list
sub-pins-remove = Unpin an answer (moderators).
    .name = remove
opt-pins-answer = The pinned answer.
    .name = answer

cmd-gaps = Questions the guides answer badly, and answers people voted down.
    .name = gaps

cmd-reindex = Rebuild the search index from the guides (admins).
    .name = reindex

cmd-sources = Manage the guides the bot answers from (admins).
    .name = sources
sub-sources-list = List the guides.
    .name = list
sub-sources-add = Add a guide (.txt, .md or .html, up to 1 MB).
    .name = add
opt-sources-file = The guide file.
    .name = file
opt-sources-replace = Replace a guide of the same name.
    .name = replace
opt-sources-career = The career it is about, new or not (default: read from its title).
    .name = career
sub-sources-remove = Remove a guide.
    .name = remove
opt-sources-name = The guide's file name.
    .name = name

cmd-settings = This server's settings for the bot (admins).
    .name = settings
sub-settings-career = The career answers use when a member names none (leave empty to see it).
    .name = career
opt-settings-name = A career the guides cover, or "none" for every career.
    .name = name

# What a member may do when a command's cooldown ends: "you can { $again } in 3 s".
again-ask = ask again
again-salary = use /salary again
again-skills = use /skills again
again-roadmap = use /roadmap again
again-help = use /help again
again-status = use /status again
again-pins = use /pins again
again-gaps = use /gaps again

# Refusals: a command used where it does not belong, or by a member below its rank.
guild-only-pins = Pinned answers belong to a server: use this in one.
guild-only-gaps = Use /gaps in a server.
guild-only-settings = Settings belong to a server: use /settings in one.
refusal-reindex = Only admins can reindex the guides.
refusal-sources = Only admins can manage the guides.
refusal-gaps = Only moderators and admins can see the gaps.
refusal-settings = Only admins can change this server's settings.

# Option choices: choice-<type>-<id>.
choice-level-entry = Entry level
choice-level-mid = Mid level
choice-level-senior = Senior
choice-level-lead = Lead / principal
choice-level-overall = Overall
choice-topic-languages = Languages
choice-topic-frameworks = Frameworks
choice-topic-databases = Databases
choice-topic-cloud_devops = Cloud & DevOps
choice-topic-apis = APIs
choice-topic-security = Security
choice-topic-testing = Testing
choice-topic-tools = Tools
choice-topic-soft_skills = Soft skills
choice-topic-technical = Technical skills
choice-topic-certifications = Certifications & licenses
choice-topic-all = All topics
choice-stage-junior = Junior
choice-stage-mid = Mid-level
choice-stage-senior = Senior
choice-stage-lead = Lead / architect / manager
choice-focus-all = Full roadmap
choice-focus-learning_path = Learning path
choice-focus-career_progression = Career progression
choice-focus-interviews = Interviews
choice-focus-portfolio = Portfolio & resume
