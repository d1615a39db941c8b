# Las palabras del bot en Discord (y la línea del veredicto). El texto de las guías nunca
# está aquí: pasajes, encabezados y títulos se citan tal como las guías los escriben.
# Los argumentos son { $nombre }; los números eligen el plural con [one] / *[other].

## Piezas comunes

sources = Fuentes
and-more = … y { $count } más
field-more = { $name } (más)
unknown-time = desconocida
footer-built = Índice creado { $built }
footer-from = De: { $guides } · índice creado { $built }
guides-count = { $count ->
    [one] { $count } guía
   *[other] { $count } guías
}
passages-count = { $count ->
    [one] { $count } pasaje
   *[other] { $count } pasajes
}
list-or = { $rest } o { $last }
duration-seconds = { $count ->
    [one] { $count } segundo
   *[other] { $count } segundos
}
duration-minutes = { $count ->
    [one] { $count } minuto
   *[other] { $count } minutos
}
duration-hours = { $count ->
    [one] { $count } hora
   *[other] { $count } horas
}
duration-days = { $count ->
    [one] { $count } día
   *[other] { $count } días
}
sorry = Lo siento: { $reason }.

## Cantidades y plazos que dan las guías (las cantidades y cifras como están escritas; las palabras aquí)

amount-per-month = /mes
amount-per-hour = /hora
amount-per-week = /semana
amount-per-day = /día
# Un plazo: $shape es «range» ($low–$high), «open» ($low o más) o «one» ($low solo, cuyo plural
# elige $count).
duration-years = { $shape ->
    [range] { $low }–{ $high } años
    [open] { $low }+ años
   *[one] { $count ->
        [one] { $low } año
       *[other] { $low } años
    }
}
duration-months = { $shape ->
    [range] { $low }–{ $high } meses
    [open] { $low }+ meses
   *[one] { $count ->
        [one] { $low } mes
       *[other] { $low } meses
    }
}
duration-weeks = { $shape ->
    [range] { $low }–{ $high } semanas
    [open] { $low }+ semanas
   *[one] { $count ->
        [one] { $low } semana
       *[other] { $low } semanas
    }
}
time-of-experience = { $time } de experiencia
time-to-qualify = { $time } para obtener la cualificación
time-not-given = sin plazo indicado

## Errores que cualquier comando puede encontrar

cooldown = Con calma: podrás { $again } en { $seconds } s.
unknown-command = No conozco el comando /{ $name }. Prueba /ayuda.
failed = Lo siento, algo ha fallado por mi parte. El equipo lo ve en los registros; vuelve a intentarlo en un momento.
unreadable = Lo siento, no he podido leer esa interacción.
busy = Estoy ocupado con otras peticiones y no he podido hacer esta; vuelve a intentarlo en un minuto.
no-token = No puedo terminar esto aquí: se completa a través de la API de Discord y este servidor no tiene configurado un token de bot (DISCORD_TOKEN). Avisa a quien opera el bot.
no-token-unpin = El mensaje sigue fijado en el canal: este servidor no tiene token de bot para dejar de fijarlo (DISCORD_TOKEN).
unknown-level = Nivel desconocido { $given }: elige { $choices }.
unknown-skills-level = Nivel desconocido { $given }.
unknown-topic = Tema desconocido { $given }.
unknown-stage = Etapa desconocida { $given }.
unknown-focus = Enfoque desconocido { $given }.

## /preguntar y sus botones

ask-empty = Escribe una pregunta, p. ej. «¿Cuánto gana un desarrollador backend júnior?»
ask-duplicate = Esto ya se preguntó aquí hace { $ago }; mira la respuesta: { $link }
ask-for-you = { $asker } ha preguntado esto para ti:
ask-from-career = *De las guías de { $career }.*
ask-pinned = 📌 **Respuesta fijada por la moderación** (fijada por { $by }):
ask-unsaved = ⚠️ No he podido guardar esta respuesta (la base de datos del bot está fallando), así que no tiene botones: paginar, fuentes, votos y fijar necesitan que esté guardada. La respuesta de arriba está completa.
weak-not-in-library = Pregunta por una de esas carreras, o un administrador puede añadir una guía con /fuentes añadir.
weak-closest = { $line }
    Las guías más cercanas son:
    { $guides }

    Prueba con otras palabras, o pregunta por salarios, habilidades, la trayectoria profesional, entrevistas o teletrabajo.
sources-none = Esta respuesta no cita ningún pasaje.
button-more = Más resultados
button-sources = Fuentes
button-pin = 📌 Fijar
button-dismiss = Descartar
button-unknown = Este botón ya no funciona; vuelve a preguntar con /preguntar.
answer-gone = Esta respuesta es demasiado antigua o se eliminó; vuelve a preguntar con /preguntar.
more-not-asker = Solo quien preguntó puede pasar las páginas de esta respuesta. ¡Haz tu propia pregunta con /preguntar!
more-last-page = Hasta aquí llega una respuesta ({ $pages } páginas). Prueba a preguntar con más precisión.
more-none = No hay más pasajes para esta pregunta.
vote-up = ¡Gracias! Me alegro de que te haya servido.
vote-down = Gracias, anotado. La moderación revisa las respuestas votadas en contra para ver qué les falta a las guías.
vote-gone = Esta respuesta es demasiado antigua o se eliminó, así que tu voto no se ha contado.
vote-failed = Lo siento, no he podido registrar tu voto: la base de datos del bot está fallando. Vuelve a intentarlo más tarde.
dismiss-not-allowed = Solo quien preguntó, o un moderador, puede descartar esta respuesta.
dismiss-no-message = No hay ningún mensaje que descartar.
pin-not-moderator = Solo los moderadores pueden fijar respuestas. Si esta te ha servido, ¡dale un 👍!
pin-not-in-guild = Las respuestas solo se pueden fijar en un canal de un servidor.
pin-gone = Esta respuesta es demasiado antigua o se eliminó, así que no se puede fijar. Vuelve a preguntar con /preguntar y fija la nueva respuesta.
pin-not-recorded = No he podido fijar esta respuesta: la base de datos del bot no pudo registrarla ({ $error }). No se ha fijado nada; vuelve a intentarlo más tarde.
pin-in-progress = Esta respuesta ya se está fijando (por otro moderador, o se está revisando un fijado interrumpido). Vuelve a intentarlo en un minuto.
pin-too-many = Este canal ya tiene el máximo de 250 mensajes fijados. Deja de fijar alguno (o usa /fijadas quitar) y vuelve a intentarlo.
pin-failed = No he podido fijar esta respuesta: { $error }. ¿Tiene el bot el permiso de fijar mensajes aquí?
pin-text-not-saved = El mensaje está fijado (ya lo estaba), pero su nuevo texto no se pudo guardar ({ $error }): las próximas preguntas seguirán mostrando el texto fijado antes.
pin-undone = No he podido registrar el fijado ({ $error }), así que he vuelto a dejar de fijar el mensaje: no ha cambiado nada. Vuelve a intentarlo más tarde.
pin-not-undone = No he podido registrar el fijado ({ $error }), y tampoco he podido dejar de fijar el mensaje ({ $unpin_error }): puede seguir fijado hasta que el bot concilie sus registros con Discord, minutos después de que se recupere su base de datos.
pin-done = 📌 Fijada. Las próximas preguntas como esta mostrarán primero esta respuesta, marcada como fijada por la moderación.

## Por qué las guías no responden (el veredicto del motor)

verdict-weak-match = No he encontrado una buena respuesta a esto en las guías, así que no voy a inventármela.
verdict-not-in-library = Las guías no tratan de { $role }. Tratan de: { $careers }.
verdict-off-topic = Esto no parece una pregunta sobre carreras y las guías no lo tratan: pregunta por sueldos, habilidades, empleos, entrevistas, formación o la trayectoria profesional.
verdict-other-country = Las guías nunca mencionan { $country }, así que no pueden decir cómo es allí.
verdict-unmentioned = Las guías de { $career } nunca mencionan { $missing }, así que no pueden responder a esto.

## /salario

salary-summary = { $level }: { $range } · mediana { $median } · { $guides ->
    [one] { $guides } guía
   *[other] { $guides } guías
}
note-location = Ubicación
note-remote = Teletrabajo
note-top-end = Lo más alto
note-drivers = Qué hace subir el sueldo
note-compensation = Estructura de la retribución
note-contract = Tarifas de contrato
note-median = Cifras nacionales
salary-notes = Lo que añaden las guías
salary-none-career = Las guías sobre { $career } no dan cifras de salario para este nivel.
salary-none = Las guías no dan cifras de salario para este nivel.
salary-about-careers-chart = Sueldos tal como los da cada guía, en { $currencies } (sin convertir; por año salvo que se indique), carrera por carrera; cada resumen abarca las guías de esa carrera. El gráfico pone las carreras lado a lado por nivel (solo cifras anuales en una moneda).
salary-about-careers = Sueldos tal como los da cada guía, en { $currencies } (sin convertir; por año salvo que se indique), carrera por carrera; cada resumen abarca las guías de esa carrera.
salary-about = Sueldos tal como los da cada guía, en { $currencies } (sin convertir; por año salvo que se indique); el resumen abarca todas sus guías.
salary-subject-career = Salarios de { $career }
salary-subject = Salarios
salary-subject-careers = Salarios por carrera
salary-title-level = 💰 { $subject } — { $level }
salary-title = 💰 { $subject } por nivel
salary-failed = Lo siento, no se ha podido preparar la respuesta de salarios; el equipo ve el motivo en los registros.

## /habilidades

skills-best = Mejores pasajes
skills-level-none = Las guías no dicen nada concreto sobre este nivel.
skills-level = Lo que se espera en el nivel { $label }
skills-none = Las guías no nombran habilidades para este tema.
skills-title-career = 🧰 Habilidades — { $topic } · { $career }
skills-title = 🧰 Habilidades — { $topic }

## /trayectoria

roadmap-before-first-job = antes del primer empleo
roadmap-getting-qualified = Obtener la cualificación
roadmap-bar-stage = { $label }
roadmap-stages = Etapas
roadmap-first-steps = Primeros pasos
roadmap-others = Otras carreras con cronología
roadmap-others-how = { $careers } — usa `/trayectoria carrera:` para ver una.
roadmap-subject = Trayectoria profesional
roadmap-subject-career = Trayectoria de { $career }
roadmap-timeline-about = La cronología sale de las etapas y plazos de las propias guías: cada barra empieza en el primer año que permiten, y su cola clara muestra cuánto más puede tardar. Elige una parte en el menú de abajo para ver más.
roadmap-no-stages-career = Las guías no dan etapas profesionales para { $career }. Elige una parte en el menú de abajo para ver lo que sí dicen.
roadmap-no-stages = Las guías no dan etapas profesionales. Elige una parte en el menú de abajo para ver lo que sí dicen.
roadmap-roles = Puestos: { $roles }
roadmap-steps = Pasos
roadmap-tips = Consejos
roadmap-lateral = Cambios laterales
roadmap-part-none = Las guías no dicen nada sobre esto.
roadmap-part-progression = Etapas, plazos y puestos tal como los describen las guías.
roadmap-part-learning = El camino que trazan las guías, paso a paso, y sus consejos.
roadmap-part-interviews = Lo que dicen las guías sobre las entrevistas y cómo prepararlas.
roadmap-part-portfolio = Lo que dicen las guías que deben mostrar un portafolio y un currículum.
roadmap-failed = Lo siento, no se ha podido preparar la trayectoria; el equipo ve el motivo en los registros.
item-format = Formato
item-round = Ronda
item-evaluated = Se evalúa
item-pitfall = Error común
item-advice = Consejo
item-include = Incluir
item-example-project = Proyecto de ejemplo
item-resume = Currículum
menu-progression = Cada etapa en palabras de las guías, y cambios laterales
menu-learning = El camino paso a paso y consejos
menu-interviews = Qué incluyen las entrevistas y cómo prepararlas
menu-portfolio = Qué deben mostrar un portafolio y un currículum
menu-all = Todo
menu-placeholder = Más de esta trayectoria: elige una parte
menu-unknown = No conozco este menú (quizá sea de una versión anterior del bot); vuelve a usar /trayectoria.
menu-career-gone = La carrera de este menú ya no está en la biblioteca; vuelve a usar /trayectoria.
menu-choose-one = Elige una parte de la trayectoria en el menú: progresión profesional, ruta de aprendizaje, entrevistas o portafolio.

## /ayuda y /estado

help-title = careerbot — respuestas sobre carreras a partir de las guías, siempre citadas
help-ask = **/preguntar** con tus palabras: los mejores pasajes de las guías, cada uno con su cita [n].
help-answers = **/salario** cifras por nivel de cada guía, con un gráfico · **/habilidades** por tema · **/trayectoria** la cronología de una carrera, y luego su ruta de aprendizaje, entrevistas y portafolio desde el menú de debajo
help-pins = **/fijadas** respuestas fijadas por la moderación · **/estado** lo que sabe el bot
help-career = Las respuestas salen de la carrera que nombres (la opción `carrera`, o en tu pregunta), si no de la del servidor (administradores: **/ajustes carrera**), si no de todas.
help-buttons = Botones bajo las respuestas: Más resultados, Fuentes, 📌 Fijar (moderadores), 👍/👎, Descartar, Seguir preguntando (una pregunta de seguimiento, respondida en un hilo con la carrera y el nivel de la conversación).
help-honest = Cada respuesta cita las guías de abajo; cuando no tratan una pregunta, el bot lo dice en lugar de adivinar.
help-guides = Guías ({ $count })
status-title = Estado de careerbot
status-ready = Listo.
status-reindexing = Hay una reindexación en curso.
status-careers = Carreras ({ $count })
status-guides = Guías
status-passages = Pasajes
status-index-age = Edad del índice
status-uptime = Tiempo activo
status-served = Interacciones atendidas
status-version = Versión
status-library = Biblioteca
status-library-version = versión { $version } (compartida a través de la base de datos)
status-library-failed = ⚠️ la versión { $version } falló aquí: { $reason }. La versión anterior sigue respondiendo.

## /fijadas y /carencias

unpin-not-moderator = Solo los moderadores pueden dejar de fijar respuestas.
unpin-pick = Elige una respuesta fijada de la lista.
unpin-done = Se ha dejado de fijar «{ $question }».
unpin-gone = Esa respuesta fijada ya no existe.
pins-line = fijada por { $by } { $at }
pins-none = Todavía no hay respuestas fijadas. Los moderadores fijan una respuesta con su botón 📌.
pins-title = 📌 Respuestas fijadas
gaps-last = última { $at }
gaps-unanswered-latest = Preguntas sin buena respuesta (las últimas { $count } de 30 días)
gaps-unanswered = Preguntas sin buena respuesta (30 días)
gaps-none = Ninguna.
gaps-downvoted = Respuestas votadas en contra
gaps-title = Carencias de las guías
gaps-about = Lo que preguntan los miembros y las guías no responden bien: candidatas a una guía nueva.

## /fuentes y /reindexar (administradores)

reindex-running = Ya hay una reindexación en curso; su mensaje mostrará el resultado.
reindex-progress = ⏳ Reindexando… { $done }/{ $total } guías leídas, { $passages } pasajes hasta ahora.
reindex-failed = ❌ La reindexación ha fallado: { $error }
    El índice anterior sigue respondiendo preguntas.
reindex-none = ninguna
reindex-time = Tiempo
reindex-added = Añadidas
reindex-removed = Quitadas
reindex-changed = Cambiadas
reindex-skipped = Omitidas
reindex-done = ✅ Reindexación hecha
reindex-done-about = El nuevo índice ya responde preguntas.
sources-attach = Adjunta el archivo de la guía (.txt, .md o .html).
sources-refused = Rechazada: { $why }.
sources-too-big = Rechazada: { $file } ocupa { $kb } KB; las guías pueden ocupar como mucho 1 MB.
sources-exists = Ya existe una guía llamada { $file }. Vuelve a añadirla con reemplazar:true para reemplazarla.
sources-add-reindexing = Hay una reindexación en curso; añade la guía cuando termine.
sources-career-unknown = Lo siento: { $reason }; o escribe el nombre completo de la nueva carrera.
sources-no-such-guide = No hay ninguna guía llamada { $file }.
sources-remove-reindexing = Hay una reindexación en curso; quita la guía cuando termine.
sources-skipped = omitida: { $reason }
sources-title = Guías ({ $count })
sources-download-failed = ❌ No he podido descargar { $file }: { $error }.
sources-added = ✅ { $file } añadida ({ $passages } pasajes) por { $by }.
sources-added-career = ✅ { $file } añadida ({ $passages } pasajes, sobre { $career }) por { $by }.
sources-add-refused = ❌ Rechazada { $file }: { $why }
sources-removed = 🗑️ { $file } quitada por { $by } (se guarda una copia en el servidor).
sources-remove-failed = ❌ No he podido quitar { $file }: { $why }

## /ajustes

settings-none-choice = none (todas las carreras)
settings-unknown = No existe el ajuste { $name }; prueba /ajustes carrera.
settings-shown = La carrera por defecto de este servidor es **{ $career }**: /preguntar, /salario, /habilidades y /trayectoria responden con sus guías cuando un miembro no nombra ninguna carrera. Cámbiala con `/ajustes carrera nombre:…`, o bórrala con `nombre:none`.
settings-shown-uncovered = La carrera por defecto de este servidor es **{ $career }**, pero ahora ninguna guía la trata, así que las respuestas abarcan todas las carreras. Las guías tratan de: { $covered }.
settings-shown-none = Este servidor no tiene carrera por defecto: las respuestas abarcan todas las carreras de las guías ({ $covered }). Elige una con `/ajustes carrera nombre:…`.
settings-cleared = Hecho: este servidor ya no tiene carrera por defecto; las respuestas abarcan todas las carreras de las guías ({ $covered }).
settings-set = Hecho: **{ $career }** es la carrera por defecto de este servidor. /preguntar, /salario, /habilidades y /trayectoria responden con sus guías cuando un miembro no nombra ninguna carrera (la opción de carrera, o una pregunta que nombre una, sigue mandando).

## La ficha estructurada de /ask y /pins

card-read-as = Leído como: { $career }, { $intent }
card-read-as-level = Leído como: { $career }, { $intent }, { $level }
card-every-level = { $line } (las guías no dicen nada de ese nivel: se muestran todos)
card-intent-salary = salario
card-intent-skills = habilidades
card-intent-skills-topic = habilidades: { $topic }
card-intent-roadmap = hoja de ruta
card-level-entry = nivel inicial
card-level-mid = nivel intermedio
card-level-senior = sénior
card-level-lead = líder / principal
card-level-overall = general
# Las carreras de una comparación cuyas guías no tienen nada de lo que pide (sin ficha).
card-none-salary = Las guías sobre { $careers } no dan cifras de salario, así que no { $count ->
    [one] tiene
   *[other] tienen
} ficha.
card-none-skills = Las guías sobre { $careers } no nombran habilidades, así que no { $count ->
    [one] tiene
   *[other] tienen
} ficha.
card-none-roadmap = Las guías sobre { $careers } no describen etapas de la carrera, así que no { $count ->
    [one] tiene
   *[other] tienen
} ficha.
# Carreras nombradas juntas: «A, B y C».
card-careers-and = { $list } y { $last }
# Bajo una ficha que no tuvo sitio para algunas partes de su respuesta (niveles, etapas).
card-left-out = … { $count } más que no caben aquí
# Carreras nombradas después de las $max primeras, que tienen ficha.
card-past-limit = Solo las { $max } primeras carreras nombradas tienen ficha, así que { $careers } no { $count ->
    [one] tiene
   *[other] tienen
}.
# La línea «leído como» de un seguimiento: la carrera y lo que se pide (luego nivel y tema).
read-as-career-intent = { $career }, { $intent }
pins-sources-changed = ⚠ fuentes cambiadas
## Preguntas de seguimiento en un hilo

button-follow = Seguir preguntando
follow-no-threads = Las preguntas de seguimiento continúan en un hilo bajo la respuesta, y solo puedo abrir hilos en los canales de un servidor. Vuelve a preguntar aquí con /ask.
follow-missing-permissions = No puedo seguir esto en un hilo: necesito los permisos **Crear hilos públicos** y **Enviar mensajes en hilos** en este canal. Un administrador del servidor puede concederlos; mientras tanto, vuelve a preguntar con /ask.
follow-unsaved = No he podido guardar esta pregunta de seguimiento (la base de datos del bot está fallando), así que no la he publicado. Inténtalo de nuevo en un momento.
follow-form-unknown = Ese formulario no es mío; vuelve a preguntar con /ask.
follow-empty = Escribe una pregunta de seguimiento, p. ej. «¿y para seniors?»
follow-too-long = Escribe la pregunta de seguimiento en menos de { $max } caracteres.
follow-again = seguir preguntando
follow-modal-title = Seguir preguntando
follow-modal-label = Tu pregunta de seguimiento
follow-modal-placeholder = p. ej. ¿y para seniors? (se lee con la carrera y el nivel de antes)
follow-asked = { $asker } ha preguntado: «{ $question }»
follow-read-as = **Leído como:** { $read }
follow-read-as-carried = **Leído como:** { $read } _(de lo anterior: { $carried })_
follow-carried-career = carrera
follow-carried-level = nivel
follow-carried-intent = intención
follow-carried-topic = tema
follow-answered = Respondido en el hilo <#{ $thread }>.
follow-refused-thread = Lo siento, no he podido abrir un hilo para esta pregunta (Discord ha dicho: { $error }). Inténtalo de nuevo, o pregunta con /ask.
follow-refused-post = Lo siento, no he podido publicar en el hilo para esta pregunta (Discord ha dicho: { $error }). Inténtalo de nuevo, o pregunta con /ask.

## "Preguntar a careerbot" (menú Aplicaciones de un mensaje) y su "Publicar"

help-ask-message = En un mensaje, Aplicaciones → **Preguntar a careerbot** lo responde (en privado, con un botón para publicar la respuesta).
ask-message-none = Este comando responde a un mensaje: úsalo desde el menú Aplicaciones de un mensaje.
ask-message-no-text = Ese mensaje no tiene texto que pueda responder (solo imágenes, embeds, adjuntos o menciones). Usa /ask con tu pregunta en palabras.
ask-message-answering = Respondiendo a este mensaje: { $link }
button-post = Publicar
post-not-asker = Solo quien preguntó puede publicar esta respuesta.
post-not-postable = Esta respuesta no se puede publicar; vuelve a preguntar con /ask.
post-failed = Lo siento, no pude publicar esta respuesta: la base de datos del bot está fallando ahora mismo. Inténtalo de nuevo más tarde.
post-already = Esta respuesta ya está publicada en el canal.

## /sources add url:

sources-added-link = Sus citas enlazan a <{ $link }>.
sources-url-refused = Rechazado: { $why }. Indica la dirección completa de la página, p. ej. https://example.org/guia.
