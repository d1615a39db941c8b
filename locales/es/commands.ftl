# Los comandos tal como Discord los registra: cada mensaje es una descripción (1-100
# caracteres) y su .name el nombre del comando, subcomando u opción (minúsculas, 1-32
# caracteres, sin espacios).

cmd-ask = Haz una pregunta sobre carreras; la respuesta cita las guías.
    .name = preguntar
opt-ask-question = Tu pregunta, con tus palabras.
    .name = pregunta
opt-ask-hide = Solo tú ves la respuesta.
    .name = ocultar
opt-ask-mention = Dirige la respuesta a este miembro (el único mencionado).
    .name = mencionar
opt-career = Qué carrera (por defecto: la preguntada, si no la del servidor, si no todas).
    .name = carrera

cmd-salary = Salarios por nivel de cada guía, con un resumen y un gráfico.
    .name = salario
opt-salary-level = Qué nivel (por defecto: todos).
    .name = nivel

cmd-skills = Las habilidades que las guías citan para un tema, las más citadas primero.
    .name = habilidades
opt-skills-topic = Qué habilidades (por defecto: todas).
    .name = tema
opt-skills-level = Muestra también lo que las guías esperan en este nivel.
    .name = nivel

cmd-roadmap = Trayectoria y etapas de una carrera; el aprendizaje, entrevistas y portafolio en un menú.
    .name = trayectoria
opt-roadmap-stage = Una etapa (por defecto: todas).
    .name = etapa
opt-roadmap-focus = Una parte de la trayectoria (por defecto: la cronología).
    .name = enfoque

cmd-help = Qué sabe hacer este bot y de dónde salen sus respuestas.
    .name = ayuda
cmd-status = Carreras, guías, pasajes, edad del índice, tiempo activo y versión.
    .name = estado

cmd-pins = Respuestas fijadas por los moderadores de este servidor.
    .name = fijadas
sub-pins-list = Lista las respuestas fijadas.
    .name = lista
sub-pins-remove = Deja de fijar una respuesta (moderadores).
    .name = quitar
opt-pins-answer = La respuesta fijada.
    .name = respuesta

cmd-gaps = Preguntas que las guías responden mal y respuestas votadas en contra.
    .name = carencias

cmd-reindex = Reconstruye el índice de búsqueda a partir de las guías (administradores).
    .name = reindexar

cmd-sources = Gestiona las guías de las que responde el bot (administradores).
    .name = fuentes
sub-sources-list = Lista las guías.
    .name = lista
sub-sources-add = Añade una guía (.txt, .md o .html, hasta 1 MB).
    .name = añadir
opt-sources-file = El archivo de la guía.
    .name = archivo
opt-sources-replace = Reemplaza una guía con el mismo nombre.
    .name = reemplazar
opt-sources-career = La carrera de la que trata, nueva o no (por defecto: leída de su título).
    .name = carrera
sub-sources-remove = Quita una guía.
    .name = quitar
opt-sources-name = El nombre de archivo de la guía.
    .name = nombre

cmd-settings = Los ajustes del bot en este servidor (administradores).
    .name = ajustes
sub-settings-career = La carrera que usan las respuestas si nadie nombra una (vacío: muéstrala).
    .name = carrera
opt-settings-name = Una carrera de las guías, o "none" para todas.
    .name = nombre

again-ask = volver a preguntar
again-salary = volver a usar /salario
again-skills = volver a usar /habilidades
again-roadmap = volver a usar /trayectoria
again-help = volver a usar /ayuda
again-status = volver a usar /estado
again-pins = volver a usar /fijadas
again-gaps = volver a usar /carencias

guild-only-pins = Las respuestas fijadas pertenecen a un servidor: usa esto en uno.
guild-only-gaps = Usa /carencias en un servidor.
guild-only-settings = Los ajustes pertenecen a un servidor: usa /ajustes en uno.
refusal-reindex = Solo los administradores pueden reindexar las guías.
refusal-sources = Solo los administradores pueden gestionar las guías.
refusal-gaps = Solo los moderadores y administradores pueden ver las carencias.
refusal-settings = Solo los administradores pueden cambiar los ajustes de este servidor.

choice-level-entry = Nivel inicial
choice-level-mid = Nivel intermedio
choice-level-senior = Sénior
choice-level-lead = Líder / principal
choice-level-overall = General
choice-topic-languages = Lenguajes
choice-topic-frameworks = Frameworks
choice-topic-databases = Bases de datos
choice-topic-cloud_devops = Nube y DevOps
choice-topic-apis = APIs
choice-topic-security = Seguridad
choice-topic-testing = Pruebas
choice-topic-tools = Herramientas
choice-topic-soft_skills = Habilidades blandas
choice-topic-technical = Habilidades técnicas
choice-topic-certifications = Certificaciones y licencias
choice-topic-all = Todos los temas
choice-stage-junior = Júnior
choice-stage-mid = Intermedio
choice-stage-senior = Sénior
choice-stage-lead = Líder / arquitecto / mánager
choice-focus-all = Trayectoria completa
choice-focus-learning_path = Ruta de aprendizaje
choice-focus-career_progression = Progresión profesional
choice-focus-interviews = Entrevistas
choice-focus-portfolio = Portafolio y currículum
